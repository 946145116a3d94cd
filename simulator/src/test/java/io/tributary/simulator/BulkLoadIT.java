package io.tributary.simulator;

import static io.tributary.simulator.SimulatorItEnvironment.freePort;
import static io.tributary.simulator.SimulatorItEnvironment.projectFile;
import static io.tributary.simulator.SimulatorItEnvironment.scrapeWhileRunning;
import static io.tributary.simulator.SimulatorItEnvironment.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code run --mode bulk} against the real PostgreSQL 17 of the local stack (synchronous_commit on, wal_level
 * logical), on the committed csv-data/ as the end-to-end benchmark loads it, each test in its own schema: the tables
 * and PostgreSQL's own row counters hold exactly what the summary says.
 */
class BulkLoadIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TABLES = List.of("customers", "products", "orders");
    @RegisterExtension
    static final SimulatorItEnvironment env = new SimulatorItEnvironment();

    @Test
    void anUnpacedRunWritesExactlyWhatItsSummarySays() throws Exception {
        String schema = loadedSchema("exact");
        Map<String, Long> rowsBefore = rowCounts(schema);
        // the loader's COPY counts as inserts in pg_stat_user_tables: wait until its backend reported them
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> tupleCounters(schema).get("orders")[0] == rowsBefore.get("orders"));
        Map<String, long[]> countersBefore = tupleCounters(schema);
        long deadlocksBefore = env.deadlocks();
        Path summaryFile = env.work().resolve("exact-summary.json");
        int metricsPort = freePort();
        CompletableFuture<String> metrics =
                CompletableFuture.supplyAsync(() -> scrapeWhileRunning(metricsPort, "advance"));

        CliRun run = run(schema, "--rate", "max", "--duration", "4s", "--workers", "3", "--batch-size", "200",
                "--seed", "15", "--metrics-port", String.valueOf(metricsPort), "--summary-file", summaryFile.toString(),
                "--progress-interval", "1s");
        assertThat(run.exitCode()).as(run.err()).isZero();

        JsonNode summary = JSON.readTree(summaryFile.toFile());
        assertThat(summary).isEqualTo(JSON.readTree(run.out()));
        assertThat(summary.get("mode").asText()).isEqualTo("bulk");
        assertThat(summary.get("targetRate").asText()).isEqualTo("max");
        assertThat(summary.get("retries").asLong()).isZero();
        long changes = summary.get("changes").asLong();
        double seconds = summary.get("elapsedSeconds").asDouble();
        assertThat(changes).isGreaterThan(2_000);
        assertThat(seconds).isBetween(4.0, 10.0);
        // elapsedSeconds is rounded to the millisecond
        assertThat(summary.get("achievedRate").asDouble()).isCloseTo(changes / seconds, org.assertj.core.data.Percentage.withPercentage(0.1));
        // every guard held (each worker writes only its own rows), so every transaction wrote a whole batch
        assertThat(changes).isEqualTo(summary.get("transactions").asLong() * 200);
        long sumOfOps = 0;
        for (String op : List.of("insert", "update", "delete")) {
            assertThat(summary.at("/byOperation/" + op).asLong()).as(op).isPositive();
            sumOfOps += summary.at("/byOperation/" + op).asLong();
        }
        assertThat(sumOfOps).isEqualTo(changes);
        for (String kind : List.of("signup", "order", "advance", "cancel", "restock", "move")) {
            assertThat(summary.at("/byKind/" + kind + "/changes").asLong()).as(kind).isPositive();
        }

        // the tables hold what the summary says: loaded + inserted - deleted
        Map<String, Long> rowsAfter = rowCounts(schema);
        for (String table : TABLES) {
            assertThat(rowsAfter.get(table)).as(table).isEqualTo(rowsBefore.get(table)
                    + summary.at("/byTable/" + table + "/insert").asLong() - summary.at("/byTable/" + table + "/delete").asLong());
        }
        // and PostgreSQL counted the same inserts, updates and deletes (what the WAL, and so CDC, carries)
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, long[]> after = tupleCounters(schema);
            for (String table : TABLES) {
                long[] b = countersBefore.get(table);
                long[] a = after.get(table);
                assertThat(new long[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]}).as("%s inserted/updated/deleted", table)
                        .containsExactly(summary.at("/byTable/" + table + "/insert").asLong(),
                                summary.at("/byTable/" + table + "/update").asLong(),
                                summary.at("/byTable/" + table + "/delete").asLong());
            }
        });
        assertThat(env.deadlocks()).as("deadlocks during the run").isEqualTo(deadlocksBefore);
        try (Connection c = env.app(); Statement st = c.createStatement()) {
            assertThat(single(st, "SELECT count(*) FROM " + schema + ".orders"
                    + " WHERE status NOT IN ('placed', 'paid', 'shipped', 'delivered')")).isZero();
            assertThat(single(st, "SELECT count(*) FROM " + schema + ".orders o WHERE NOT EXISTS"
                    + " (SELECT 1 FROM " + schema + ".customers c WHERE c.customer_id = o.customer_id)")).isZero();
            assertThat(single(st, "SELECT count(*) FROM " + schema + ".orders WHERE updated_at < ordered_at")).isZero();
            assertThat(single(st, "SELECT count(*) FROM " + schema + ".orders o JOIN " + schema + ".products p"
                    + " USING (product_id) WHERE o.order_id > 12000 AND o.unit_price <> p.price")).as("current price").isZero();
            assertThat(single(st, "SELECT count(*) FROM " + schema + ".orders WHERE order_id > 12000 AND status <> 'placed'"))
                    .as("new orders moved on").isPositive();
        }
        assertThat(metrics.get()).contains("tributary_simulator_changes_total{kind=\"advance\"}",
                "tributary_simulator_target_rate +Inf");
    }

    @Test
    void aPacedRunHoldsItsRate() throws Exception {
        String schema = loadedSchema("paced");
        CliRun run = run(schema, "--rate", "3000", "--duration", "6s", "--workers", "2", "--batch-size", "100",
                "--seed", "16", "--metrics-port", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = JSON.readTree(run.out());
        // generous: this checks the pacing, not the machine (the measurements are in docs/simulator.md)
        assertThat(summary.get("achievedRate").asDouble()).isBetween(3000 * 0.85, 3000 * 1.1);
        assertThat(summary.get("targetRate").asDouble()).isEqualTo(3000);
        assertThat(summary.get("batchSize").asInt()).isEqualTo(100);
    }

    // --- helpers ---

    private static CliRun run(String schema, String... options) {
        List<String> args = new ArrayList<>(List.of("--mode", "bulk", "--schema", schema));
        args.addAll(List.of(options));
        return CliRun.of(env.withConnection("run", args));
    }

    /** A fresh schema owned by tributary_app with the committed csv-data/ loaded (what the benchmark runs on). */
    private static String loadedSchema(String name) throws Exception {
        String schema = env.createSchema("bulk_" + name);
        CliRun load = env.cli("load", "--schema", schema, projectFile("csv-data").toString());
        assertThat(load.exitCode()).as(load.err()).isZero();
        return schema;
    }

    private static Map<String, Long> rowCounts(String schema) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = env.app(); Statement st = c.createStatement()) {
            for (String table : TABLES) {
                counts.put(table, single(st, "SELECT count(*) FROM " + schema + "." + table));
            }
        }
        return counts;
    }

    /** n_tup_ins, n_tup_upd, n_tup_del per table, read on a new connection (no cached statistics snapshot). */
    private static Map<String, long[]> tupleCounters(String schema) throws SQLException {
        Map<String, long[]> counters = new LinkedHashMap<>();
        try (Connection c = env.app(); PreparedStatement ps = c.prepareStatement("SELECT relname, n_tup_ins,"
                + " n_tup_upd, n_tup_del FROM pg_stat_user_tables WHERE schemaname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counters.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        return counters;
    }

}
