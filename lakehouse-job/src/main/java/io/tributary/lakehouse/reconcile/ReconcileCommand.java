package io.tributary.lakehouse.reconcile;

import io.tributary.lakehouse.config.ConfigException;
import io.tributary.lakehouse.config.Durations;
import io.tributary.lakehouse.config.LakehouseConfig;
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
 * snapshot's LSN ({@link LakeCatchUp}). Exit 0 equal, 3 different, 1 failure, 2 configuration.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Compare PostgreSQL (one consistent snapshot) with silver: row counts, missing and extra keys,",
                "rows whose values differ. Waits until the lake has applied everything up to the snapshot's LSN.",
                "Exit 0 when equal, 3 when not. Reads the TRIBUTARY_* environment (PostgreSQL as the CDC role)."})
public final class ReconcileCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileCommand.class);
    public static final int EXIT_DIFFERENT = 3;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "300s",
            description = "Give up waiting for the lake after this long without progress (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--sample", defaultValue = "10", description = "Differing keys to print per kind (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--set", description = "KEY=VALUE lakehouse setting or spark.* key (as for the job).")
    Map<String, String> overrides = new LinkedHashMap<>();

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
            ReconcileReport report = run(spark, config, postgres, wait, sample);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? report.toJson() + "\n" : report.toText());
            out.flush();
            return report.equal() ? 0 : EXIT_DIFFERENT;
        } finally {
            spark.stop();
        }
    }

    private static Duration parseTimeout(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--timeout: " + e.getMessage(), e);
        }
    }

    /** The reconciliation itself, on a given session (also used by tests). */
    public static ReconcileReport run(SparkSession spark, LakehouseConfig config, PostgresSource postgres,
            Duration wait, int sample) throws Exception {
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
            SilverSnapshot silver = new SilverSnapshot(spark, paths);
            List<String> lakeTables = new ArrayList<>(silver.tables());
            TableComparator comparator = new TableComparator(sample);
            List<TableDiff> diffs = new ArrayList<>();
            for (String table : snapshot.tables()) {
                List<String> keys = snapshot.keyColumns(table);
                if (keys.isEmpty()) {
                    LOG.warn("table {}.{} has no primary key: silver cannot mirror it by key; skipped",
                            config.sourceSchema(), table);
                    continue;
                }
                List<String> columns = new ArrayList<>(snapshot.columns(table));
                columns.removeAll(keys);
                columns.sort(String::compareTo);
                Map<String, String> source = snapshot.fingerprints(table, keys, columns);
                TableDiff diff;
                if (lakeTables.remove(table)) {
                    SilverSnapshot.Read read = silver.read(table, keys, columns, lsn);
                    diff = comparator.compare(table, source, read.live(), read.newerThanSnapshot(), read.missingColumns())
                            .withBronzeRows(silver.bronzeRows(table));
                } else {
                    diff = comparator.compare(table, source, Map.of(), Set.of(), List.of()).withBronzeRows(0);
                }
                LOG.info("{}: postgres {} rows, silver {}, missing {}, extra {}, differing {}", table, diff.sourceRows(),
                        diff.lakeRows(), diff.missing(), diff.extra(), diff.differing());
                diffs.add(diff);
            }
            long compareMillis = (System.nanoTime() - compareStart) / 1_000_000;
            return new ReconcileReport(Lsn.format(lsn), caughtUp.caughtUp(), caughtUp.detail(), waitMillis,
                    compareMillis, diffs, List.copyOf(lakeTables));
        }
    }
}
