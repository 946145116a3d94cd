package io.tributary.lakehouse.reconcile;

import io.tributary.contracts.tables.TableProblem;
import io.tributary.contracts.wal.Lsn;
import io.tributary.configuration.ConfigException;
import io.tributary.configuration.DurationSyntax;
import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.history.HistoryAgainstSilver;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.stream.SparkSessions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reconcile}: PostgreSQL (one REPEATABLE READ snapshot) against silver, table by table: row counts, missing
 * keys, extra keys, rows whose normalised values differ. Waits first until the lake has applied everything up to the
 * snapshot's LSN ({@link LakeCatchUp}). A table a stage parked (the lake's {@code _table_states}, or cdc-engine's as
 * given with {@code --cdc-parked}) is reported as parked; a table the CDC role cannot read is reported as not compared,
 * with the GRANT that fixes it. Exit 0 equal, 4 not complete (tables parked, every other
 * equal), 3 different, 1 failure, 2 configuration.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Compare PostgreSQL (one consistent snapshot) with silver: row counts, missing and extra keys,",
                "rows whose values differ. Waits until the lake has applied everything up to the snapshot's LSN.",
                "A table a stage parked is reported as parked (its changes are held back until resumed), not as lost.",
                "--history also checks the SCD2 history tables: their current rows against silver.",
                "Exit 0 when equal, 4 when tables are parked and every other table is equal, 3 when a table differs.",
                "Reads the TRIBUTARY_* environment (PostgreSQL as the CDC role)."})
public final class ReconcileCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileCommand.class);
    public static final int EXIT_DIFFERENT = ReconcileReport.Outcome.DIFFERENT.exitCode();
    public static final int EXIT_PARKED = ReconcileReport.Outcome.PARKED.exitCode();

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "300s",
            description = "Give up waiting for the lake after this long without progress (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--sample", defaultValue = "10", description = "Differing keys to print per kind (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--history", description = "Also bring the SCD2 history tables up to bronze (as `history` does) and"
            + " check that each one's current rows equal silver's live rows (keys changed after the snapshot left out).")
    boolean history;

    @Option(names = "--set", description = "KEY=VALUE lakehouse setting or spark.* key (as for the job).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--cdc-parked", paramLabel = "TABLE=REASON",
            description = "A table cdc-engine has parked (shop.orders=schema_refused), as its /metrics report it; the CLI"
                    + " passes them. The lake's own parked tables are read from the lake.")
    Map<String, String> cdcParked = new LinkedHashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = new CommandLine(new ReconcileCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                        cmd.getErr().println("reconcile: " + e.getMessage());
                        return 2;
                    }
                    LOG.error("reconcile failed", e);
                    return 1;
                })
                .execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        Duration wait = parseTimeout(timeout);
        LakehouseConfig config = LakehouseConfig.load(Map.of(), System.getenv(), overrides);
        PostgresSource postgres = PostgresSource.fromEnvironment(System.getenv());
        Files.createDirectories(config.dataDir());
        SparkSession spark = SparkSessions.create(config, "tributary-reconcile");
        try {
            ReconcileReport report = run(spark, config, postgres, wait, sample,
                    ParkedState.fromCdcEngine(cdcParked, config.sourceSchema()), history);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? report.toJson() + "\n" : report.toText());
            out.flush();
            return report.outcome().exitCode();
        } finally {
            spark.stop();
        }
    }

    private static Duration parseTimeout(String text) {
        try {
            return DurationSyntax.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--timeout: " + e.getMessage(), e);
        }
    }

    /** The reconciliation itself, on a given session (also used by tests). */
    public static ReconcileReport run(SparkSession spark, LakehouseConfig config, PostgresSource postgres,
            Duration wait, int sample) throws Exception {
        return run(spark, config, postgres, wait, sample, Map.of(), false);
    }

    /**
     * @param cdcParked tables cdc-engine has parked, by table name in the source schema
     * @param history   whether to bring history up to bronze and compare its current rows with silver
     */
    public static ReconcileReport run(SparkSession spark, LakehouseConfig config, PostgresSource postgres,
            Duration wait, int sample, Map<String, ParkedState> cdcParked, boolean history) throws Exception {
        LakePaths paths = new LakePaths(config.lakeRoot());
        try (PostgresSnapshot snapshot = PostgresSnapshot.open(postgres, config.sourceSchema())) {
            long lsn = snapshot.lsn();
            LOG.info("PostgreSQL snapshot at LSN {}; waiting (up to {}) for the lake to apply everything up to it",
                    Lsn.format(lsn), wait);
            long waitStart = System.nanoTime();
            LakeCatchUp.Outcome caughtUp = new LakeCatchUp(postgres, config.kafkaBootstrap(), config.topicPattern(),
                    config.checkpointLocation(), spark.sparkContext().hadoopConfiguration()).await(lsn, wait);
            long waitMillis = (System.nanoTime() - waitStart) / 1_000_000;
            if (!caughtUp.caughtUp()) {
                LOG.warn("comparing although the lake has not caught up: {}", caughtUp.detail());
            }
            long compareStart = System.nanoTime();
            Map<String, ParkedState> parked = new TreeMap<>(TableStates.read(spark, paths));
            cdcParked.forEach(parked::putIfAbsent);
            parked.forEach((table, state) -> LOG.warn("{}: {}", table, state.describe()));
            SilverSnapshot silver = new SilverSnapshot(spark, paths);
            List<String> lakeTables = new ArrayList<>(silver.tables());
            TableComparator comparator = new TableComparator(sample);
            List<TableDiff> diffs = new ArrayList<>();
            Map<String, List<String>> keysOfCompared = new LinkedHashMap<>();
            for (String table : snapshot.tables()) {
                String qualified = config.sourceSchema() + "." + table;
                if (!snapshot.readable(table)) {
                    // reading it would abort the snapshot's transaction for every other table
                    String problem = TableProblem.NOT_READABLE.message(qualified, postgres.user());
                    LOG.warn("{}", problem);
                    diffs.add(TableDiff.notCompared(table, problem));
                    continue;
                }
                List<String> keys = snapshot.keyColumns(table);
                if (keys.isEmpty()) {
                    LOG.warn("{}; not compared", TableProblem.NO_PRIMARY_KEY.message(qualified, postgres.user()));
                    continue;
                }
                List<String> columns = new ArrayList<>(snapshot.columns(table));
                columns.removeAll(keys);
                List<String> generated = snapshot.generatedColumns(table);
                if (!generated.isEmpty()) {
                    // pgoutput leaves them out of every change: silver has them from the initial snapshot at most
                    LOG.warn("{}: generated columns {} not compared: logical replication does not publish them (PostgreSQL"
                            + " 18 can, with the publication's publish_generated_columns = stored)", table, generated);
                    columns.removeAll(generated);
                }
                columns.sort(String::compareTo);
                Map<String, String> source = snapshot.fingerprints(table, keys, columns);
                TableDiff diff;
                if (lakeTables.remove(table)) {
                    keysOfCompared.put(table, keys);
                    SilverSnapshot.Read read = silver.read(table, keys, columns, lsn);
                    diff = comparator.compare(table, source, read.live(), read.newerThanSnapshot(), read.missingColumns())
                            .withBronzeRows(silver.bronzeRows(table));
                } else {
                    diff = comparator.compare(table, source, Map.of(), Set.of(), List.of()).withBronzeRows(0);
                }
                if (parked.containsKey(table)) {
                    diff = diff.withParked(parked.get(table));
                }
                LOG.info("{}: postgres {} rows, silver {}, missing {}, extra {}, differing {}", table, diff.sourceRows(),
                        diff.lakeRows(), diff.missing(), diff.extra(), diff.differing());
                diffs.add(diff);
            }
            List<HistoryAgainstSilver.Comparison> histories = history
                    ? HistoryCheck.run(spark, config, paths, keysOfCompared, lsn, sample) : List.of();
            long compareMillis = (System.nanoTime() - compareStart) / 1_000_000;
            return new ReconcileReport(Lsn.format(lsn), caughtUp.caughtUp(), caughtUp.detail(), waitMillis,
                    compareMillis, diffs, List.copyOf(lakeTables), histories);
        }
    }
}
