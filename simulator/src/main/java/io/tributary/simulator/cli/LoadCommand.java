package io.tributary.simulator.cli;

import io.tributary.simulator.csv.CsvInputException;
import io.tributary.simulator.db.PgSettings;
import io.tributary.simulator.load.CsvTableAnalyzer;
import io.tributary.simulator.load.Identifier;
import io.tributary.simulator.load.LoadOptions;
import io.tributary.simulator.load.LoadResult;
import io.tributary.simulator.load.SqlType;
import io.tributary.simulator.load.TableLoader;
import io.tributary.simulator.load.TableSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code simulator load}: CSV files -> tables in schema shop, one transaction per file. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Creates one table per CSV file (name from the file name, types inferred from the data)"
                + " and loads it with COPY in one transaction. Every file is checked before any table is created."})
public final class LoadCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(LoadCommand.class);

    @Mixin
    ConnectionOptions connection;

    @Parameters(arity = "0..*", paramLabel = "CSV",
            description = "CSV files or folders of *.csv (default: $TRIBUTARY_CSV_DATA, comma-separated, or csv-data)")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--replace", description = "drop and reload tables that already exist (default: skip them)")
    boolean replace;

    @Option(names = "--types", paramLabel = "TABLE.COLUMN=TYPE", split = ",(?![^(]*\\))", splitSynopsisLabel = ",",
            description = "set a column's type instead of inferring it, e.g. customers.zip=text")
    Map<String, String> types = new LinkedHashMap<>();

    @Option(names = "--primary-key", paramLabel = "TABLE=COLUMN", split = ",",
            description = "primary key column of a table, when it is not id or <table>_id")
    Map<String, String> primaryKeys = new LinkedHashMap<>();

    @Option(names = "--infer-rows", defaultValue = "0",
            description = "infer types from the first N records only; every value is still checked (0 = all)")
    long inferRows;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadOptions options;
        List<Path> files;
        Identifier schema;
        PgSettings settings;
        try {
            options = new LoadOptions(parseTypes(types), normalise(primaryKeys), inferRows, replace);
            files = resolveFiles(inputs.isEmpty() ? defaultInputs(System.getenv("TRIBUTARY_CSV_DATA")) : inputs);
            schema = Identifier.parse(connection.schema).orElseThrow(() ->
                    new IllegalArgumentException("--schema '" + connection.schema + "': " + Identifier.RULE));
            settings = connection.settings();
        } catch (IllegalArgumentException | io.tributary.configuration.ConfigException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }

        List<TableSpec> specs = new ArrayList<>();
        long analysisStart = System.nanoTime();
        try {
            CsvTableAnalyzer analyzer = new CsvTableAnalyzer(options);
            Set<String> tables = new HashSet<>();
            for (Path file : files) {
                TableSpec table = analyzer.analyze(file);
                if (!tables.add(table.table().name())) {
                    throw new CsvInputException(file, 0, null, "another input file also gives table "
                            + table.table() + "; load each table from one file");
                }
                LOG.info("{}: table {}.{} with {} columns, primary key {}: {}", file, schema, table.table(),
                        table.columns().size(), table.primaryKey().name(), describe(table));
                specs.add(table);
            }
            checkOptionTables(options, tables);
        } catch (CsvInputException e) {
            err.println("error: " + e.getMessage());
            err.println("Nothing was loaded.");
            return ExitCodes.BAD_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }

        double analysisSeconds = (System.nanoTime() - analysisStart) / 1e9;
        LOG.info("Checked {} file(s), {} records, in {} s; loading", specs.size(),
                specs.stream().mapToLong(TableSpec::analysedRecords).sum(), String.format(Locale.ROOT, "%.2f", analysisSeconds));
        List<LoadResult> results = new ArrayList<>();
        try (Connection c = settings.connect("tributary-simulator-load")) {
            TableLoader loader = new TableLoader(c, schema);
            for (TableSpec table : specs) {
                results.add(loader.load(table, options.replace()));
            }
        } catch (CsvInputException e) {
            err.println("error: " + e.getMessage());
            err.println("That table was not created (its transaction was rolled back)." + loadedSoFar(results));
            return ExitCodes.BAD_INPUT;
        } catch (SQLException e) {
            err.println("error: " + e.getMessage() + " (SQLState " + e.getSQLState() + ", connecting as " + settings + ")");
            err.println(loadedSoFar(results).trim());
            return ExitCodes.FAILURE;
        }
        printReport(out, schema, results, analysisSeconds);
        return ExitCodes.OK;
    }

    private static String loadedSoFar(List<LoadResult> results) {
        if (results.isEmpty()) {
            return "";
        }
        return " Tables completed before it: " + String.join(", ", results.stream().map(LoadResult::table).toList()) + ".";
    }

    private static void printReport(PrintWriter out, Identifier schema, List<LoadResult> results, double analysisSeconds) {
        out.printf(Locale.ROOT, "%-24s %-8s %10s %10s %12s%n", "table", "status", "rows", "seconds", "rows/s");
        long total = 0;
        double seconds = 0;
        for (LoadResult r : results) {
            boolean loaded = r.status() == LoadResult.Status.LOADED;
            out.printf(Locale.ROOT, "%-24s %-8s %10d %10.2f %12s%n", schema + "." + r.table(),
                    loaded ? "loaded" : "skipped", r.rows(), r.elapsed().toNanos() / 1e9,
                    loaded ? String.valueOf(Math.round(r.rowsPerSecond())) : "-");
            if (loaded) {
                total += r.rows();
                seconds += r.elapsed().toNanos() / 1e9;
            }
        }
        out.printf(Locale.ROOT, "%-24s %-8s %10d %10.2f %12s%n", "total loaded", "", total, seconds,
                seconds > 0 ? String.valueOf(Math.round(total / seconds)) : "-");
        out.printf(Locale.ROOT, "(the files were checked and their types inferred before loading, in %.2f s)%n",
                analysisSeconds);
        out.flush();
    }

    private static String describe(TableSpec table) {
        StringBuilder sb = new StringBuilder();
        table.columns().forEach(c -> sb.append(sb.length() == 0 ? "" : ", ").append(c.name()).append(' ').append(c.type()));
        return sb.toString();
    }

    /** {@code TRIBUTARY_CSV_DATA} (comma-separated files or folders), else csv-data. */
    static List<Path> defaultInputs(String env) {
        if (env == null || env.isBlank()) {
            return List.of(Path.of("csv-data"));
        }
        List<Path> paths = new ArrayList<>();
        for (String part : env.split(",")) {
            if (!part.isBlank()) {
                paths.add(Path.of(part.trim()));
            }
        }
        return paths;
    }

    static List<Path> resolveFiles(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> listing = Files.list(input)) {
                    List<Path> csvs = listing.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                            .filter(Files::isRegularFile).sorted().toList();
                    if (csvs.isEmpty()) {
                        throw new IllegalArgumentException("folder " + input + " contains no .csv files");
                    }
                    files.addAll(csvs);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot list folder " + input + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new IllegalArgumentException("input " + input + " does not exist (give CSV files or folders)");
            }
        }
        return files;
    }

    static Map<String, Map<String, SqlType>> parseTypes(Map<String, String> raw) {
        Map<String, Map<String, SqlType>> parsed = new LinkedHashMap<>();
        raw.forEach((key, type) -> {
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException("--types " + key + "=" + type + ": write TABLE.COLUMN=TYPE");
            }
            String table = key.substring(0, dot).toLowerCase(Locale.ROOT);
            String column = key.substring(dot + 1).toLowerCase(Locale.ROOT);
            try {
                parsed.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(column, SqlType.parse(type));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--types " + key + "=" + type + ": " + e.getMessage(), e);
            }
        });
        return parsed;
    }

    private static Map<String, String> normalise(Map<String, String> raw) {
        Map<String, String> result = new LinkedHashMap<>();
        raw.forEach((t, c) -> result.put(t.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT)));
        return result;
    }

    private static void checkOptionTables(LoadOptions options, Set<String> tables) {
        for (String table : options.types().keySet()) {
            if (!tables.contains(table)) {
                throw new IllegalArgumentException("--types names table '" + table + "', which no input file gives"
                        + " (tables: " + String.join(", ", tables) + ")");
            }
        }
        for (String table : options.primaryKeys().keySet()) {
            if (!tables.contains(table)) {
                throw new IllegalArgumentException("--primary-key names table '" + table + "', which no input file gives"
                        + " (tables: " + String.join(", ", tables) + ")");
            }
        }
    }
}
