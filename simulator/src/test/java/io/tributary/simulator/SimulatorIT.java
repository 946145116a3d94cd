package io.tributary.simulator;

import static io.tributary.simulator.SimulatorItEnvironment.freePort;
import static io.tributary.simulator.SimulatorItEnvironment.projectFile;
import static io.tributary.simulator.SimulatorItEnvironment.scrapeWhileRunning;
import static io.tributary.simulator.SimulatorItEnvironment.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.simulator.csv.CsvRecord;
import io.tributary.simulator.csv.CsvTableReader;
import io.tributary.simulator.generate.ShopDataGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Load and run against the real PostgreSQL 17 of the local stack (init-db applied, connecting as
 * tributary_app). Each test works in its own schema (created by the superuser, owned by tributary_app)
 * except the one that loads the committed csv-data/ into shop.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final SimulatorItEnvironment env = new SimulatorItEnvironment();

    @Test
    @Order(1)
    void loadsCsvDataWithRowCountsEqualToTheRecordCountsAndDoesNotDuplicateOnASecondRun() throws Exception {
        Path csvData = projectFile("csv-data");
        CliRun first = load(List.of(csvData.toString()));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(count("shop", "customers")).isEqualTo(recordCount(csvData.resolve("customers.csv")));
        assertThat(count("shop", "products")).isEqualTo(recordCount(csvData.resolve("products.csv")));
        assertThat(count("shop", "orders")).isEqualTo(recordCount(csvData.resolve("orders.csv")));
        assertThat(first.out()).contains("shop.orders", "loaded", "rows/s");

        Map<String, String> types = columnTypes("shop", "orders");
        assertThat(types).containsEntry("order_id", "integer").containsEntry("unit_price", "numeric(10,2)")
                .containsEntry("ordered_at", "timestamp with time zone").containsEntry("status", "text")
                .containsEntry("updated_at", "timestamp with time zone");
        assertThat(columnTypes("shop", "customers")).containsEntry("birth_date", "date")
                .containsEntry("loyalty_member", "boolean");
        try (Connection c = env.app(); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT c.relreplident, pg_get_userbyid(c.relowner),"
                    + " pg_relation_size(c.reltoastrelid) FROM pg_class c WHERE c.oid = 'shop.products'::regclass");
            rs.next();
            assertThat(rs.getString(1)).as("REPLICA IDENTITY FULL").isEqualTo("f");
            assertThat(rs.getString(2)).isEqualTo("tributary_app");
            assertThat(rs.getLong(3)).as("long descriptions are stored out of line (TOAST)").isPositive();
            rs = st.executeQuery("SELECT has_table_privilege('tributary_cdc', 'shop.orders', 'SELECT'),"
                    + " has_table_privilege('tributary_cdc', 'shop.orders', 'INSERT'),"
                    + " (SELECT count(*) FROM pg_publication_tables WHERE pubname = 'tributary_pub'"
                    + " AND schemaname = 'shop' AND tablename IN ('customers', 'products', 'orders'))");
            rs.next();
            assertThat(rs.getBoolean(1)).as("CDC role can read (init-db default privileges)").isTrue();
            assertThat(rs.getBoolean(2)).as("CDC role cannot write").isFalse();
            assertThat(rs.getLong(3)).as("captured by the publication").isEqualTo(3);
            // the first customer whose city has a non-ASCII letter: every value arrives as written in the file
            CsvRecord expected = firstRecord(csvData.resolve("customers.csv"), r -> !r.get(5).matches("\\p{ASCII}*"));
            rs = st.executeQuery("SELECT first_name, last_name, email, city, signup_at, birth_date::text FROM shop.customers"
                    + " WHERE customer_id = " + Long.parseLong(expected.get(0)));
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(expected.get(1));
            assertThat(rs.getString(2)).isEqualTo(expected.get(2));
            assertThat(rs.getString(3)).isEqualTo(expected.get(3));
            assertThat(rs.getString(4)).isEqualTo(expected.get(5));
            assertThat(rs.getObject(5, java.time.OffsetDateTime.class).toInstant())
                    .isEqualTo(java.time.OffsetDateTime.parse(expected.get(7)).toInstant());
            assertThat(rs.getString(6)).isEqualTo(expected.get(8));
            rs = st.executeQuery("SELECT count(*) FROM shop.orders WHERE gift_note LIKE '%' || chr(10) || '%'");
            rs.next();
            assertThat(rs.getLong(1)).as("multi-line quoted values survive").isPositive();
            // the identity continues after the loaded ids, so the simulator can insert
            rs = st.executeQuery("INSERT INTO shop.customers (first_name) VALUES ('Zoë') RETURNING customer_id");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(recordCount(csvData.resolve("customers.csv")) + 1);
            st.execute("DELETE FROM shop.customers WHERE first_name = 'Zoë' AND email IS NULL");
        }

        CliRun second = load(List.of(csvData.toString()));
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).containsPattern("shop\\.customers +skipped").containsPattern("shop\\.orders +skipped")
                .containsPattern("shop\\.products +skipped");
        assertThat(count("shop", "orders")).isEqualTo(recordCount(csvData.resolve("orders.csv")));

        try (Connection c = env.app(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM shop.orders WHERE order_id <= 10");
        }
        CliRun replace = load(List.of("--replace", csvData.resolve("orders.csv").toString()));
        assertThat(replace.exitCode()).as(replace.err()).isZero();
        assertThat(replace.out()).containsPattern("shop\\.orders +loaded +12000 ");
        assertThat(count("shop", "orders")).isEqualTo(recordCount(csvData.resolve("orders.csv")));
    }

    @Test
    @Order(2)
    void refusesAHostileHeaderAndCreatesNothing() throws Exception {
        String schema = newSchema("hostile");
        Path dir = Files.createDirectories(env.work().resolve("hostile"));
        Files.writeString(dir.resolve("accounts.csv"), "id,name\n1,ok\n");
        Files.writeString(dir.resolve("victims.csv"), "id,\"name\"\"; DROP TABLE x; --\"\n1,a\n");
        CliRun run = load(List.of("--schema", schema, dir.toString()));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("victims.csv line 1, column 2", "not a valid column name");
        assertThat(tables(schema)).isEmpty();

        CliRun simulate = env.cli("run", "--schema", schema, "--duration", "1s", "--metrics-port", "0");
        assertThat(simulate.exitCode()).isEqualTo(1);
        assertThat(simulate.err()).contains("table " + schema + ".customers does not exist; run `simulator load` first");
    }

    @Test
    @Order(3)
    void aValueThatDoesNotFitItsColumnRollsTheTableBack() throws Exception {
        String schema = newSchema("badvalue");
        Path dir = Files.createDirectories(env.work().resolve("badvalue"));
        StringBuilder csv = new StringBuilder("item_id,price\n");
        for (int i = 1; i <= 50; i++) {
            csv.append(i).append(',').append(i * 3).append('\n');
        }
        csv.append("51,12.50\n"); // line 52 (header + 50 records before it): inference only read 20 records
        Files.writeString(dir.resolve("items.csv"), csv);
        CliRun run = load(List.of("--schema", schema, "--infer-rows", "20", dir.toString()));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("items.csv line 52, column 2 (price)", "'12.50' is not a valid integer",
                "--infer-rows");
        assertThat(tables(schema)).isEmpty();

        CliRun fixed = load(List.of("--schema", schema, "--types", "items.price=numeric(8,2)", dir.toString()));
        assertThat(fixed.exitCode()).as(fixed.err()).isZero();
        assertThat(count(schema, "items")).isEqualTo(51);
        assertThat(columnTypes(schema, "items")).containsEntry("price", "numeric(8,2)");
    }

    @Test
    @Order(4)
    void runKeepsTheBusinessInvariantsThroughSchemaChanges() throws Exception {
        String schema = loadedSchema("invariants");
        Path audit = env.work().resolve("invariants-transitions.csv");
        Map<Long, String> initial = statuses(schema);
        long deadlocksBefore = env.deadlocks();
        Map<Long, String> lastSeen = new HashMap<>(initial);
        List<String> backwards = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        // an independent observer: order statuses may only move forward between two snapshots
        CompletableFuture<Integer> observer = CompletableFuture.supplyAsync(() -> {
            int snapshots = 0;
            while (running.get()) {
                try {
                    statuses(schema).forEach((id, status) -> {
                        String before = lastSeen.put(id, status);
                        if (before != null && rank(status) < rank(before)) {
                            backwards.add(id + ": " + before + " -> " + status);
                        }
                    });
                    snapshots++;
                    Thread.sleep(50);
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return snapshots;
        });
        int metricsPort = freePort();
        CompletableFuture<String> metrics =
                CompletableFuture.supplyAsync(() -> scrapeWhileRunning(metricsPort, "order"));
        CliRun run = env.cli("run", "--schema", schema, "--rate", "1500",
                "--max-changes", "4000", "--seed", "11", "--workers", "8", "--events-per-tx", "5", "--schema-changes", "--metrics-port", String.valueOf(metricsPort),
                "--audit-file", audit.toString(), "--progress-interval", "1s");
        running.set(false);
        assertThat(observer.get()).isGreaterThan(3);
        assertThat(run.exitCode()).as(run.err()).isZero();

        JsonNode summary = JSON.readTree(run.out());
        assertThat(summary.get("changes").asLong()).isGreaterThanOrEqualTo(4000);
        assertThat(summary.get("schemaChanges").asLong()).isEqualTo(4);
        for (String kind : List.of("signup", "order", "advance", "cancel", "price", "restock", "move")) {
            assertThat(summary.at("/byKind/" + kind + "/changes").asLong()).as(kind).isPositive();
        }
        assertThat(metrics.get()).contains("tributary_simulator_changes_total{kind=\"order\"}",
                "tributary_simulator_target_rate 1500.0");

        assertThat(backwards).as("status moved backwards").isEmpty();
        // 8 workers with 5 events per transaction share product rows: they must take them in one order
        Thread.sleep(1_500); // the workers' statistics reach pg_stat_database when their backends end
        assertThat(env.deadlocks()).as("deadlocks detected by PostgreSQL during the run").isEqualTo(deadlocksBefore);
        try (Connection c = env.app(); Statement st = c.createStatement()) {
            assertThat(single(st, "SELECT count(*) FROM " + schema + ".products WHERE stock < 0")).isZero();
            assertThat(single(st, "SELECT count(*) FROM " + schema + ".orders o WHERE NOT EXISTS"
                    + " (SELECT 1 FROM " + schema + ".customers c WHERE c.customer_id = o.customer_id)")).isZero();
            assertThat(single(st, "SELECT count(*) FROM " + schema + ".orders"
                    + " WHERE status NOT IN ('placed', 'paid', 'shipped', 'delivered')")).isZero();
            assertThat(single(st, "SELECT count(*) FROM " + schema + ".orders WHERE order_id > 12000")).isPositive();
            assertThat(single(st, "SELECT count(*) FROM " + schema + ".orders WHERE updated_at < ordered_at")).isZero();
            assertThat(single(st, "SELECT count(*) FROM " + schema + ".orders WHERE updated_at > now() - interval '5 minutes'"))
                    .as("changed orders carry their change time").isPositive();
        }
        assertThat(columnTypes(schema, "orders")).containsEntry("quantity", "bigint");
        assertThat(columnTypes(schema, "products")).containsEntry("price", "numeric(14,2)");
        assertThat(columnTypes(schema, "customers")).doesNotContainKey("marketing_opt_in");

        // the audit of transitions: every step forward by one, and the last one per order is its final state
        Map<Long, String> finalStatuses = statuses(schema);
        List<String> lines = Files.readAllLines(audit, StandardCharsets.UTF_8);
        assertThat(lines.size()).isGreaterThan(100);
        Map<Long, String> lastTo = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(rank(f[2])).as(line).isEqualTo(rank(f[1]) + 1);
            String previous = lastTo.put(Long.parseLong(f[0]), f[2]);
            String expectedFrom = previous != null ? previous : initial.getOrDefault(Long.parseLong(f[0]), "placed");
            assertThat(f[1]).as("transition starts where the order was: " + line).isEqualTo(expectedFrom);
        }
        lastTo.forEach((id, status) -> {
            if (finalStatuses.containsKey(id)) {
                assertThat(finalStatuses.get(id)).as("order " + id).isEqualTo(status);
            }
        });
    }

    @Test
    @Order(5)
    void theSameSeedOnTheSameDataGivesTheSameShop() throws Exception {
        String a = loadedSchema("seed_a");
        String b = loadedSchema("seed_b");
        for (String schema : List.of(a, b)) {
            CliRun run = env.cli("run", "--schema", schema, "--rate", "3000",
                    "--max-changes", "1500", "--seed", "7", "--metrics-port", "0");
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        assertThat(digest(a)).isEqualTo(digest(b));
        assertThat(digest(a)).isNotEqualTo(digest("shop"));
    }

    @Test
    @Order(6)
    void holdsTheTargetRate() throws Exception {
        String schema = loadedSchema("rate");
        CliRun run = env.cli("run", "--schema", schema, "--rate", "300",
                "--duration", "10s", "--seed", "3", "--metrics-port", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        double achieved = JSON.readTree(run.out()).get("achievedRate").asDouble();
        // generous: this checks the pacing, not the machine (the 60 s measurement is in docs/simulator.md)
        assertThat(achieved).isBetween(300 * 0.8, 300 * 1.2);
    }

    @Test
    @Order(7)
    void aKilledConnectionIsRetriedAndAMissingTableStopsTheRun() throws Exception {
        String schema = loadedSchema("faults");
        CompletableFuture<CliRun> survivor = CompletableFuture.supplyAsync(() -> env.cli("run", "--schema", schema,
                "--rate", "200", "--duration", "5s", "--seed", "5", "--metrics-port", "0"));
        Thread.sleep(2_000);
        assertThat(superSingle("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE application_name = 'tributary-simulator'")).isEqualTo(1);
        CliRun run = survivor.get();
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = JSON.readTree(run.out());
        assertThat(summary.get("retries").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(summary.get("achievedRate").asDouble()).isGreaterThan(100);

        CompletableFuture<CliRun> doomed = CompletableFuture.supplyAsync(() -> env.cli("run", "--schema", schema,
                "--rate", "200", "--duration", "30s", "--seed", "6", "--metrics-port", "0"));
        Thread.sleep(1_500);
        superSingle("SELECT 1; DROP TABLE " + schema + ".products");
        CliRun failed = doomed.get();
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("permanent SQL error", "SQLState 42P01", "products");
    }

    @Test
    @Order(8)
    void runsAsItsOwnProcessFromTheEnvironmentAndPrintsTheSummaryOnSigterm() throws Exception {
        String schema = loadedSchema("process");
        Path classes = Path.of("target/classes").toAbsolutePath();
        String classpath = classes + java.io.File.pathSeparator
                + Files.readString(Path.of("target/runtime.classpath")).trim();
        int metricsPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "io.tributary.simulator.SimulatorMain", "run", "--schema", schema, "--rate", "200",
                "--metrics-port", String.valueOf(metricsPort), "--seed", "9");
        builder.environment().putAll(Map.of("TRIBUTARY_PG_HOST", env.pg().host(),
                "TRIBUTARY_PG_PORT", String.valueOf(env.pg().port()),
                "TRIBUTARY_PG_DATABASE", env.pg().database(), "TRIBUTARY_APP_USER", env.pg().appUser(),
                "TRIBUTARY_APP_PASSWORD", env.pg().appPassword()));
        builder.redirectError(env.work().resolve("process-run.log").toFile());
        builder.redirectOutput(env.work().resolve("process-run.json").toFile());
        Process process = builder.start();
        try {
            String metrics = scrapeWhileRunning(metricsPort, "order");
            assertThat(metrics).contains("tributary_simulator_changes_total{kind=\"order\"}");
            Thread.sleep(1_000);
            process.destroy(); // SIGTERM, as docker stop or Ctrl-C
            assertThat(process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            JsonNode summary = JSON.readTree(env.work().resolve("process-run.json").toFile());
            assertThat(summary.get("changes").asLong()).isPositive();
            assertThat(summary.get("seed").asLong()).isEqualTo(9);
            assertThat(Files.readString(env.work().resolve("process-run.log")))
                    .doesNotContain(env.pg().appPassword());
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    @Order(9)
    void aSchemaChangeBlockedByALongReaderWaitsAndTheShopGoesOn() throws Exception {
        String schema = loadedSchema("locks");
        CompletableFuture<CliRun> run;
        try (Connection reader = env.app(); Statement st = reader.createStatement()) {
            reader.setAutoCommit(false);
            st.execute("LOCK TABLE " + schema + ".customers IN ACCESS SHARE MODE"); // like a snapshot's SELECT
            run = CompletableFuture.supplyAsync(() -> env.cli("run", "--schema", schema,
                    "--rate", "300", "--duration", "15s", "--seed", "4", "--schema-changes", "--metrics-port", "0"));
            // the first step is due at 3 s: wait until its ALTER queues behind our lock, then past its 2 s timeout
            long deadline = System.currentTimeMillis() + 30_000;
            while (superSingle("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = '" + schema
                    + ".customers'::regclass") == 0) {
                assertThat(System.currentTimeMillis()).as("the ALTER never waited for the lock").isLessThan(deadline);
                Thread.sleep(50);
            }
            Thread.sleep(2_500);
            reader.commit();
        }
        CliRun result = run.get();
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode summary = JSON.readTree(result.out());
        assertThat(summary.get("schemaChangeWaits").asLong()).isPositive();
        assertThat(summary.get("schemaChanges").asLong()).isEqualTo(4);
        assertThat(summary.get("changes").asLong()).isGreaterThan(3_000);
        assertThat(columnTypes(schema, "orders")).containsEntry("quantity", "bigint");
    }

    // --- helpers ---

    private static long superSingle(String sql) throws SQLException {
        try (Connection c = env.superUser(); Statement st = c.createStatement()) {
            boolean hasResult = st.execute(sql);
            long value = 0;
            if (hasResult) {
                try (ResultSet rs = st.getResultSet()) {
                    rs.next();
                    value = rs.getLong(1);
                }
            }
            while (st.getMoreResults() || st.getUpdateCount() != -1) {
                // drain
            }
            return value;
        }
    }

    private static CliRun load(List<String> args) {
        return CliRun.of(env.withConnection("load", args));
    }

    /** A fresh schema owned by tributary_app with the generated shop loaded. */
    private static String loadedSchema(String name) throws Exception {
        String schema = newSchema(name);
        Path dir = env.work().resolve("shop-data");
        if (!Files.exists(dir.resolve("orders.csv"))) {
            new ShopDataGenerator(1, 42).writeTo(dir);
        }
        CliRun run = load(List.of("--schema", schema, dir.toString()));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return schema;
    }

    private static String newSchema(String name) throws SQLException {
        return env.createSchema("it_" + name);
    }

    private static long count(String schema, String table) throws SQLException {
        try (Connection c = env.app(); Statement st = c.createStatement()) {
            return single(st, "SELECT count(*) FROM " + schema + "." + table);
        }
    }

    private static List<String> tables(String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = env.app(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '" + schema + "'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static Map<String, String> columnTypes(String schema, String table) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (Connection c = env.app(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                     + " WHERE a.attrelid = '" + schema + "." + table + "'::regclass AND a.attnum > 0 AND NOT a.attisdropped")) {
            while (rs.next()) {
                types.put(rs.getString(1), rs.getString(2));
            }
        }
        return types;
    }

    private static Map<Long, String> statuses(String schema) throws SQLException {
        Map<Long, String> statuses = new HashMap<>();
        try (Connection c = env.app(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT order_id, status FROM " + schema + ".orders")) {
            while (rs.next()) {
                statuses.put(rs.getLong(1), rs.getString(2));
            }
        }
        return statuses;
    }

    /** Everything the seed decides (timestamps from now() excluded). */
    private static String digest(String schema) throws SQLException {
        try (Connection c = env.app(); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT md5(string_agg(concat_ws('|', customer_id, first_name, last_name, email,"
                    + " city, country, loyalty_member), ';' ORDER BY customer_id)) FROM " + schema + ".customers");
            rs.next();
            String customers = rs.getString(1);
            rs = st.executeQuery("SELECT md5(string_agg(concat_ws('|', product_id, price, stock), ';' ORDER BY product_id))"
                    + " FROM " + schema + ".products");
            rs.next();
            String products = rs.getString(1);
            rs = st.executeQuery("SELECT md5(string_agg(concat_ws('|', order_id, customer_id, product_id, quantity,"
                    + " unit_price, status, shipping_city, gift_note), ';' ORDER BY order_id)) FROM " + schema + ".orders");
            rs.next();
            return customers + products + rs.getString(1);
        }
    }

    private static CsvRecord firstRecord(Path csv, java.util.function.Predicate<CsvRecord> match) throws IOException {
        try (CsvTableReader reader = CsvTableReader.open(csv)) {
            CsvRecord r;
            while ((r = reader.next()) != null) {
                if (match.test(r)) {
                    return r;
                }
            }
        }
        throw new IllegalStateException("no matching record in " + csv);
    }

    private static int rank(String status) {
        return List.of("placed", "paid", "shipped", "delivered").indexOf(status);
    }

    private static long recordCount(Path csv) throws IOException {
        // independent of the loader: count records with Python-like RFC 4180 rules (quotes may span lines)
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        long records = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == '\n' && !quoted) {
                records++;
            }
        }
        return records - 1; // header
    }

}
