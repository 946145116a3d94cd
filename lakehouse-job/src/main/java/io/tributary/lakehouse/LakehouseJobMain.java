package io.tributary.lakehouse;

import io.tributary.lakehouse.cli.TextTable;
import io.tributary.configuration.ConfigException;
import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.config.Setting;
import io.tributary.lakehouse.daily.DailySalesCommand;
import io.tributary.lakehouse.daily.DaySensor;
import io.tributary.lakehouse.daily.ValidateCommand;
import io.tributary.lakehouse.history.HistoryCommand;
import io.tributary.lakehouse.gold.GoldCheckCommand;
import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakeCatalog;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.Maintenance;
import io.tributary.lakehouse.lake.S3Unavailable;
import io.tributary.lakehouse.reconcile.ReconcileCommand;
import io.tributary.lakehouse.stream.SparkSessions;
import io.tributary.lakehouse.stream.StreamingJob;
import io.tributary.lakehouse.trace.TraceCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The lakehouse job's command line: {@code stream}, {@code maintain}, {@code sql}, {@code reconcile}, {@code trace},
 * {@code gold-check}, {@code settings}.
 */
@Command(name = "lakehouse-job", mixinStandardHelpOptions = true,
        description = "Spark Structured Streaming: Debezium CDC topics -> Delta bronze changelog + silver mirror.",
        subcommands = {LakehouseJobMain.Stream.class, LakehouseJobMain.Maintain.class, LakehouseJobMain.Sql.class,
                ReconcileCommand.class, TraceCommand.class, HistoryCommand.class, DailySalesCommand.class,
                ValidateCommand.class, GoldCheckCommand.class, LakehouseJobMain.Settings.class})
public final class LakehouseJobMain {

    private static final Logger LOG = LoggerFactory.getLogger(LakehouseJobMain.class);

    @Option(names = "--config", description = "Properties file with settings (keys as in `settings`) and spark.* keys.")
    Path configFile;

    @Option(names = "--set", description = "KEY=VALUE setting or spark.* key; wins over file and environment.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The settings: file, then environment, then {@code --set}. */
    public LakehouseConfig config() {
        Map<String, String> file = configFile == null ? Map.of() : LakehouseConfig.readPropertiesFile(configFile);
        return LakehouseConfig.load(file, System.getenv(), overrides);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with its exit codes: 0 done, 1 failed, 2 configuration error (message names the key),
     * 3 S3 unavailable or refusing ({@code stream}; the message names endpoint and bucket) or a check failed
     * ({@code validate}), 5 the lake did not apply the day in time ({@code daily-sales}, {@code validate}).
     */
    public static CommandLine commandLine() {
        return new CommandLine(new LakehouseJobMain())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ConfigException) {
                        cmd.getErr().println("configuration error: " + e.getMessage());
                        return 2;
                    }
                    if (e instanceof DaySensor.DayNotReadyException) {
                        cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
                        return DaySensor.EXIT_NOT_READY;
                    }
                    LOG.error("{} failed", cmd.getCommandName(), e);
                    return 1;
                });
    }

    @Command(name = "stream", description = "Run the streaming job until stopped (SIGTERM stops it cleanly). Exits 1"
            + " when a batch fails, 3 when S3 does not answer or refuses after s3a's retries; a restart replays the"
            + " failed batch.")
    static final class Stream implements Callable<Integer> {
        @CommandLine.ParentCommand
        LakehouseJobMain parent;

        @Override
        public Integer call() throws Exception {
            LakehouseConfig config = parent.config();
            LOG.info("lakehouse job starting: {}", config.describe());
            StreamingJob job = new StreamingJob(config);
            Runtime.getRuntime().addShutdownHook(new Thread(job::close, "shutdown"));
            try {
                job.start().awaitTermination();
            } catch (Exception e) {
                Optional<String> outage = S3Unavailable.describe(e,
                        config.s3Endpoint().map(Object::toString).orElse("AWS default for " + config.s3Region()),
                        config.s3Bucket(), SparkSessions.s3RetrySummary(config));
                if (outage.isEmpty()) {
                    throw e;
                }
                LOG.error(outage.get());
                LOG.debug("the S3 failure in full", e);
                return S3Unavailable.EXIT_CODE;
            }
            return 0;
        }
    }

    @Command(name = "maintain", mixinStandardHelpOptions = true, description = "OPTIMIZE, purge old tombstones and"
            + " VACUUM every table now. Asks the running job (POST /maintain on its metrics port) when there is one,"
            + " else runs here. Exit 0 done, 1 failed (what a scheduler runs daily, docs/history.md).")
    static final class Maintain implements Callable<Integer> {
        @CommandLine.ParentCommand
        LakehouseJobMain parent;

        @Option(names = "--here", description = "Run in this process even if a job is running (unsafe on S3 with"
                + " S3SingleDriverLogStore: two writers).")
        boolean here;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LakehouseConfig config = parent.config();
            PrintWriter out = spec.commandLine().getOut();
            if (!here && config.metricsPort() > 0) {
                URI uri = URI.create("http://" + config.metricsHost() + ":" + config.metricsPort() + "/maintain");
                try {
                    HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                            .build().send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
                                    .build(), HttpResponse.BodyHandlers.ofString());
                    out.print(response.body());
                    out.flush();
                    return response.statusCode() == 200 ? 0 : 1;
                } catch (ConnectException e) {
                    LOG.info("no running job answers on {}; maintaining from this process", uri);
                }
            }
            Files.createDirectories(config.dataDir());
            SparkSession spark = SparkSessions.create(config, "tributary-lakehouse-maintain");
            try {
                Maintenance maintenance = new Maintenance(spark, new LakePaths(config.lakeRoot()),
                        new CommitRetry(config.commitRetries(), config.commitBackoff()), config.vacuumRetention(),
                        config.tombstoneRetention(), Clock.systemUTC());
                for (Maintenance.TableReport r : maintenance.run()) {
                    out.printf("%s: compacted %d files into %d, purged %d tombstones%n", r.table(), r.filesRemoved(),
                            r.filesAdded(), r.tombstonesPurged());
                }
                out.flush();
            } finally {
                spark.stop();
            }
            return 0;
        }
    }

    @Command(name = "sql", description = "Run Spark SQL over silver.<table> (live rows), silver_all.<table>"
            + " (with tombstones, time travel), bronze.<table>, history.<table> (SCD type 2 versions), gold.<table>"
            + " and lake.quarantine, with the function pg_lsn(_lsn); with --as-of, as_of.<table> too; print the rows.")
    static final class Sql implements Callable<Integer> {
        @CommandLine.ParentCommand
        LakehouseJobMain parent;

        @Parameters(index = "0", description = "The query, e.g. \"SELECT count(*) FROM silver.orders\".")
        String query;

        @Option(names = "--max-rows", defaultValue = "100", description = "Rows to print (default ${DEFAULT-VALUE}).")
        int maxRows;

        @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--as-of", paramLabel = "INSTANT", description = "Also register as_of.<table>: each history"
                + " table as it was at this instant (2026-12-01T10:00:00Z), data columns only.")
        String asOf;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            LakehouseConfig config = parent.config();
            java.time.Instant instant = asOf == null ? null : parseInstant(asOf);
            Files.createDirectories(config.dataDir());
            SparkSession spark = SparkSessions.create(config, "tributary-lakehouse-sql");
            try {
                LakeCatalog.registerAll(spark, new LakePaths(config.lakeRoot()));
                if (instant != null) {
                    LakeCatalog.registerAsOf(spark, new LakePaths(config.lakeRoot()), instant);
                }
                Dataset<Row> result = spark.sql(query);
                PrintWriter out = spec.commandLine().getOut();
                switch (format) {
                    case "json" -> result.limit(maxRows).toJSON().collectAsList().forEach(out::println);
                    case "csv" -> {
                        out.println(String.join(",", result.columns()));
                        for (Row r : result.limit(maxRows).collectAsList()) {
                            StringBuilder line = new StringBuilder();
                            for (int i = 0; i < r.length(); i++) {
                                line.append(i == 0 ? "" : ",").append(csv(r.get(i)));
                            }
                            out.println(line);
                        }
                    }
                    case "table" -> {
                        List<List<Object>> rows = new java.util.ArrayList<>();
                        for (Row r : result.limit(maxRows).collectAsList()) {
                            List<Object> values = new java.util.ArrayList<>();
                            for (int i = 0; i < r.length(); i++) {
                                values.add(r.get(i));
                            }
                            rows.add(values);
                        }
                        out.print(TextTable.render(List.of(result.columns()), rows));
                    }
                    default -> throw new ConfigException("--format " + format + ": use table, csv or json");
                }
                out.flush();
            } finally {
                spark.stop();
            }
            return 0;
        }

        static java.time.Instant parseInstant(String text) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw new ConfigException("--as-of " + text + ": not an instant; write it as 2026-12-01T10:00:00Z"
                        + " (or with an offset, 2026-12-01T11:00:00+01:00)");
            }
        }

        private static String csv(Object value) {
            if (value == null) {
                return "";
            }
            String s = value.toString();
            return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
        }
    }

    @Command(name = "settings", description = "List every setting with its default and meaning.")
    static final class Settings implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Setting s : List.of(Setting.values())) {
                out.printf("%-44s %-30s %s%n", s.key(), s.defaultValue().isEmpty() ? "(empty)" : s.defaultValue(),
                        s.description());
            }
            out.println("spark.*  passed to Spark as they are (--set spark.sql.shuffle.partitions=8).");
            out.flush();
            return 0;
        }
    }
}
