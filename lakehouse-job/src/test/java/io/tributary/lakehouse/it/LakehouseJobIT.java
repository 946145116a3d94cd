package io.tributary.lakehouse.it;

import static io.tributary.lakehouse.fixture.DebeziumFixtures.TOAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.tributary.lakehouse.fixture.CdcTopicProducer;
import io.tributary.lakehouse.fixture.OrdersFixture;
import io.tributary.lakehouse.lake.LakeCatalog;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.stack.LocalStack;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.Service;
import io.tributary.stack.StackPorts;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job as its own process (the real main, {@code stream}) on a real Kafka broker, our schema registry and
 * S3Proxy; the test JVM produces Debezium-shaped records with the serde and reads the Delta tables on S3 with
 * its own Spark session. One stack for the class, each test its own table. The first job runs without a
 * maintenance schedule (tests 1-7); it is killed with SIGKILL in test 8 and replaced by one that maintains every
 * 5 s (tests 8-10: scheduled compaction, an S3 outage). The fixtures of tests 1-4 are all produced before the job's
 * first batch, so that one batch serves them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LakehouseJobIT {

    private static final Logger LOG = LoggerFactory.getLogger(LakehouseJobIT.class);
    private static final Duration WAIT = Duration.ofMinutes(8); // batches take minutes on a loaded 2-core box

    static LakeTestStack lake;
    static LocalStack stack;
    static SparkSession spark;
    static LakePaths paths;
    static CdcTopicProducer producer;
    static ManagedProcess job;
    static int metricsPort;
    static Path dir;
    /** The version of silver.orders that held ids 1, 2, 4 (before the late changes), for time travel. */
    static long ordersVersionBeforeLateChanges = -1;
    static final ChangeFeed EVENTS = new ChangeFeed("events", 42);
    /** OPTIMIZE commits of silver.events before the job with a maintenance schedule starts. */
    static long optimizesBeforeSchedule;

    @BeforeAll
    static void start() throws IOException {
        lake = LakeTestStack.start("LakehouseJobIT", Service.KAFKA, Service.REGISTRY, Service.S3);
        dir = lake.dir();
        stack = lake.stack();
        metricsPort = StackPorts.freePort();
        job = launchJob("0s");
        producer = lake.producer();
        sendFirstFixtures();

        spark = lake.openReader("lakehouse-job-it-reader");
        paths = new LakePaths(lake.readerConfig().lakeRoot());
    }

    @AfterAll
    static void stop() {
        if (lake != null) {
            lake.close();
        }
    }

    /** What tests 1-4 need before their first assertions, produced at once so that one batch serves them all. */
    static void sendFirstFixtures() {
        OrdersFixture orders = new OrdersFixture("tributary.shop.orders", "orders");
        producer.send(orders.topic, orders.key(1), orders.envelopeV1, orders.insert(1, 100, "ada", "10.00", 1));
        producer.send(orders.topic, orders.key(2), orders.envelopeV1, orders.insert(2, 101, "bob", "20.00", 2));
        producer.send(orders.topic, orders.key(3), orders.envelopeV1, orders.insert(3, 102, "cyd", "30.00", 3));
        producer.send(orders.topic, orders.key(2), orders.envelopeV1, orders.update(2, 110, "bob", "25.00", 4));
        producer.send(orders.topic, orders.key(3), orders.envelopeV1, orders.delete(3, 120));
        producer.tombstone(orders.topic, orders.key(3));
        producer.send(orders.topic, orders.key(1), orders.envelopeV1, orders.update(1, 130, TOAST, "12.00", 7));
        producer.send(orders.topic, orders.key(4), orders.envelopeV1, orders.insert(4, 140, "dan", "40.00", 1));

        OrdersFixture carts = new OrdersFixture("tributary.shop.carts", "carts");
        producer.send(carts.topic, carts.key(1), carts.envelopeV1, carts.insert(1, 400, "ada", "1.00", 1));
        producer.send(carts.topic, carts.key(2), carts.envelopeV1, carts.insert(2, 401, "bob", "2.00", 2));
        producer.send(carts.topic, null, carts.envelopeV1, carts.truncate(410));
        producer.send(carts.topic, carts.key(3), carts.envelopeV1, carts.insert(3, 411, "cyd", "3.00", 3));

        OrdersFixture payments = new OrdersFixture("tributary.shop.payments", "payments");
        producer.send(payments.topic, payments.key(1), payments.envelopeV1, payments.insert(1, 200, "ada", "1.00", 1));
        producer.sendRaw(payments.topic, "k".getBytes(), "this is not avro".getBytes());
        producer.sendRaw(payments.topic, null, new byte[] {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 4, 6});
        producer.send(payments.topic, null, payments.envelopeV1, payments.insert(9, 201, "no key", "9.00", 9));
        producer.send(payments.topic, payments.key(2), payments.envelopeV1, payments.insert(2, 202, "bob", "2.00", 2));

        OrdersFixture baskets = new OrdersFixture("tributary.shop.baskets", "baskets");
        producer.send(baskets.topic, baskets.key(1), baskets.envelopeV1, baskets.insert(1, 300, "ada", "1.00", 1));
        producer.send(baskets.topic, baskets.key(2), baskets.envelopeV1, baskets.insert(2, 301, "bob", "2.00", 2));
    }

    /**
     * s3a gives up on an unreachable S3 after a few seconds instead of the job's ~64 s (test 10 stops S3 for longer
     * than this; the message and exit code are the same, only the wait is shorter).
     */
    static final Map<String, String> FAST_S3_GIVE_UP = Map.of("spark.hadoop.fs.s3a.attempts.maximum", "2",
            "spark.hadoop.fs.s3a.retry.limit", "2", "spark.hadoop.fs.s3a.retry.interval", "200ms");

    static ManagedProcess launchJob(String maintenanceInterval) {
        return launchJob(maintenanceInterval, Map.of());
    }

    /** {@code sparkConf}: spark.* keys, passed as environment entries (the job reads spark.* from any source). */
    static ManagedProcess launchJob(String maintenanceInterval, Map<String, String> sparkConf) {
        Map<String, String> env = new HashMap<>(sparkConf);
        env.put("TRIBUTARY_LAKEHOUSE_MAINTENANCE_INTERVAL", maintenanceInterval);
        env.put("TRIBUTARY_LAKEHOUSE_METRICS_PORT", String.valueOf(metricsPort));
        env.put("TRIBUTARY_LAKEHOUSE_MAX_OFFSETS_PER_TRIGGER", "600");
        return lake.launchStream(env);
    }

    private static Dataset<Row> silver(String table) {
        return spark.read().format("delta").load(paths.silver(table));
    }

    private static Dataset<Row> bronze(String table) {
        return spark.read().format("delta").load(paths.bronze(table));
    }

    private static boolean exists(String path) {
        return io.tributary.lakehouse.lake.LakeTables.exists(spark.sparkContext().hadoopConfiguration(), path);
    }

    private static long bronzeCount(String table) {
        return exists(paths.bronze(table)) ? bronze(table).count() : 0;
    }

    private static String httpGet(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPort + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    @Order(1)
    void fixtureStreamGivesExactlyTheExpectedSilverTable() {
        OrdersFixture f = new OrdersFixture("tributary.shop.orders", "orders"); // sent by sendFirstFixtures

        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() ->
                assertThat(silver("orders").where("NOT _deleted").orderBy("id").collectAsList())
                        .extracting(r -> r.getAs("id"), r -> r.getAs("customer"), r -> r.getAs("total"),
                                r -> r.getAs("qty"))
                        .containsExactly(tuple(1, "ada", new BigDecimal("12.00"), 7),
                                tuple(2, "bob", new BigDecimal("25.00"), 4),
                                tuple(4, "dan", new BigDecimal("40.00"), 1)));
        Row tombstone = silver("orders").where("id = 3").first();
        assertThat(tombstone.<Boolean>getAs("_deleted")).isTrue();
        assertThat(tombstone.<Long>getAs("_lsn")).isEqualTo(120L);
        assertThat(bronze("orders").count()).as("one bronze row per change, no Kafka tombstone").isEqualTo(7);
        ordersVersionBeforeLateChanges = io.delta.tables.DeltaTable.forPath(spark, paths.silver("orders"))
                .history(1).select("version").first().getLong(0);

        // a late, older insert of the deleted key (e.g. replayed from another source) does not resurrect it
        producer.send(f.topic, f.key(3), f.envelopeV1, f.insert(3, 115, "ghost", "0.00", 0));
        producer.send(f.topic, f.key(5), f.envelopeV1, f.insert(5, 150, "eve", "50.00", 5));
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() ->
                assertThat(silver("orders").where("NOT _deleted").orderBy("id").collectAsList())
                        .extracting(r -> r.getAs("id")).containsExactly(1, 2, 4, 5));

        LakeCatalog.registerAll(spark, paths);
        assertThat(spark.sql("SELECT id FROM silver.orders ORDER BY id").collectAsList())
                .extracting(r -> r.get(0)).containsExactly(1, 2, 4, 5);
        assertThat(spark.sql("SELECT * FROM silver.orders").columns()).doesNotContain("_lsn", "_deleted");
        assertThat(spark.sql("SELECT count(*) FROM silver_all.orders VERSION AS OF 0").first().getLong(0))
                .as("time travel to the created, empty table").isZero();
        assertThat(spark.sql("SELECT count(*) FROM bronze.orders").first().getLong(0)).isEqualTo(9);
    }

    @Test
    @Order(2)
    void truncateEmptiesSilverAndStaysInBronze() {
        // carts: inserts 1 and 2, a truncate, then insert 3 (sendFirstFixtures)
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() ->
                assertThat(silver("carts").where("NOT _deleted").collectAsList())
                        .extracting(r -> r.getAs("id"), r -> r.getAs("customer")).containsExactly(tuple(3, "cyd")));
        // ids 1 and 2 are tombstones of the truncate when an earlier batch stored them, absent when one batch held
        // them and the truncate (the first batch usually does): bronze's history says which, silver must match it
        List<Integer> storedBeforeTruncate = cartsStoredBeforeTheTruncate();
        assertThat(silver("carts").where("_deleted").orderBy("id").collectAsList())
                .extracting(r -> r.getAs("id"), r -> r.getAs("_op"), r -> r.getAs("_lsn"))
                .containsExactlyElementsOf(storedBeforeTruncate.stream().map(id -> tuple(id, "t", 410L)).toList());
        assertThat(bronze("carts").orderBy("_offset").collectAsList())
                .extracting(r -> r.getAs("op"), r -> r.getAs("_lsn"))
                .containsExactly(tuple("c", 400L), tuple("c", 401L), tuple("t", 410L), tuple("c", 411L));
    }

    /** The ids carts' inserts before the truncate (LSN 410) had in bronze in the version before the truncate's. */
    private static List<Integer> cartsStoredBeforeTheTruncate() {
        String path = paths.bronze("carts");
        List<Long> versions = io.delta.tables.DeltaTable.forPath(spark, path).history().select("version")
                .orderBy("version").collectAsList().stream().map(r -> r.getLong(0)).toList();
        List<Integer> stored = List.of();
        for (long version : versions) {
            Dataset<Row> at = spark.read().format("delta").option("versionAsOf", version).load(path);
            if (at.where("op = 't'").count() > 0) {
                return stored;
            }
            stored = at.where("op = 'c' AND _lsn < 410").orderBy("after.id").select("after.id").collectAsList()
                    .stream().map(r -> r.<Integer>getAs(0)).toList();
        }
        throw new AssertionError("bronze.carts has no version with the truncate; versions: " + versions);
    }

    @Test
    @Order(3)
    void poisonRecordsLandInQuarantineWhileTheRestIsApplied() throws Exception {
        OrdersFixture f = new OrdersFixture("tributary.shop.payments", "payments"); // sent by sendFirstFixtures

        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            assertThat(silver("payments").where("NOT _deleted").orderBy("id").collectAsList())
                    .extracting(r -> r.getAs("id")).containsExactly(1, 2);
            assertThat(spark.read().format("delta").load(paths.quarantine()).where("_table = 'payments'").count())
                    .isEqualTo(3);
        });
        List<Row> poison = spark.read().format("delta").load(paths.quarantine()).where("_table = 'payments'")
                .orderBy("_offset").collectAsList();
        assertThat(poison).extracting(r -> r.<Long>getAs("_offset")).containsExactly(1L, 2L, 3L);
        assertThat(poison.get(0).<String>getAs("_error")).contains("WrongMagicByteException");
        assertThat(poison.get(0).<byte[]>getAs("_raw_value")).isEqualTo("this is not avro".getBytes());
        assertThat(poison.get(1).<String>getAs("_error")).contains("UnknownSchemaIdException");
        assertThat(poison.get(2).<String>getAs("_error")).contains("missing key");
        assertThat(bronze("payments").count()).isEqualTo(2);

        String metrics = httpGet("/metrics");
        assertThat(metrics).contains("tributary_lakehouse_quarantined_total 3")
                .contains("tributary_lakehouse_freshness_seconds{table=\"payments\"}")
                .contains("tributary_lakehouse_rows_merged_total{table=\"orders\"}");
        LOG.info("metrics after the poison test:\n{}", metrics);
    }

    @Test
    @Order(4)
    void schemaChangesFollowInSilverAndBronze() {
        OrdersFixture f = new OrdersFixture("tributary.shop.baskets", "baskets"); // v1 rows sent by sendFirstFixtures
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> silver("baskets").count() == 2);

        producer.send(f.topic, f.key(1), f.envelopeV2, f.updateV2(1, 310, "ada", "1.50", 5_000_000_000L, "web"));
        producer.send(f.topic, f.key(3), f.envelopeV2, f.insertV2(3, 311, "cyd", "3.00", 3L, "shop"));

        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() ->
                assertThat(silver("baskets").orderBy("id").collectAsList())
                        .extracting(r -> r.getAs("id"), r -> r.getAs("qty"), r -> r.getAs("channel"),
                                r -> r.getAs("paid"))
                        .containsExactly(tuple(1, 5_000_000_000L, "web", null), tuple(2, 2L, null, true),
                                tuple(3, 3L, "shop", null)));
        assertThat(silver("baskets").schema().apply("qty").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(bronze("baskets").where("op = 'c' AND after.id = 3").select("after.channel").first().getString(0))
                .isEqualTo("shop");
        assertThat(bronze("baskets").select("after.qty").schema().fields()[0].dataType())
                .isEqualTo(DataTypes.LongType);
    }

    @Test
    @Order(5)
    void maintenanceOnDemandCompactsAndPurgesOldTombstonesOnly() throws Exception {
        // the fixture's source commits are in January 2026: older than the 7-day purge horizon
        List<Row> before = silver("orders").where("NOT _deleted").orderBy("id").collectAsList();
        assertThat(silver("orders").where("_deleted").count()).isEqualTo(1);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + metricsPort + "/maintain"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(4)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("silver.orders: compacted").contains("purged 1 tombstones")
                .contains("bronze.orders");
        assertThat(silver("orders").orderBy("id").collectAsList()).isEqualTo(before);
        assertThat(spark.read().format("delta").load(paths.bronze("orders")).count()).as("bronze keeps history")
                .isEqualTo(9);
        assertThat(spark.sql("DESCRIBE DETAIL " + LakePaths.deltaRef(paths.silver("orders"))).first()
                .<Long>getAs("numFiles")).isEqualTo(1L);
    }

    @Test
    @Order(6)
    void commitConflictsWithAConcurrentOptimizeAreRetried() throws Exception {
        // changes arrive without pause, so the job MERGEs silver.events batch after batch, while this JVM runs
        // OPTIMIZE on the same table: a MERGE that read files the OPTIMIZE replaced loses its commit and is retried.
        // An OPTIMIZE started right after a MERGE is done before the next one begins, so this one starts when a batch
        // has just appended to bronze (its MERGE follows), after a delay that sweeps 0-8 s to hit the MERGE.
        List<String> optimizeOutcomes = new ArrayList<>();
        long[] lastBronzeVersion = {-1};
        int[] round = {0};
        try (Feeder feeder = new Feeder(EVENTS, 10, Duration.ofSeconds(2))) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (exists(paths.silver("events"))) {
                    long bronzeVersion = io.delta.tables.DeltaTable.forPath(spark, paths.bronze("events"))
                            .history(1).select("version").first().getLong(0);
                    if (bronzeVersion != lastBronzeVersion[0]) {
                        lastBronzeVersion[0] = bronzeVersion;
                        Thread.sleep(2_000L * (round[0]++ % 5));
                        optimizeOutcomes.add(optimizeHere(paths.silver("events")));
                    }
                }
                return !conflictLines("silver.events").isEmpty();
            });
        }
        List<String> conflicts = conflictLines("silver.events");
        LOG.info("OPTIMIZE from the test: {}; commit conflicts seen by the job:\n{}", optimizeOutcomes,
                String.join("\n", conflicts));
        assertThat(conflicts).allSatisfy(line -> assertThat(line).containsPattern("retry [1-5]/5 in \\d+ ms"));
        assertThat(metric("tributary_lakehouse_commit_retries_total")).isPositive();
        assertLakeEquals(EVENTS);
        assertThat(job.isAlive()).as("no batch failed for good").isTrue();
        Files.writeString(dir.resolve("conflicts.txt"), String.join("\n", conflicts) + "\n");
    }

    /** OPTIMIZE in this JVM, a second writer; a conflict on our side is fine too (the job may win). */
    private static String optimizeHere(String path) {
        try {
            Row stats = spark.sql("OPTIMIZE " + LakePaths.deltaRef(path)).first().getStruct(1);
            return "compacted " + stats.<Long>getAs("numFilesRemoved");
        } catch (RuntimeException e) {
            if (e.getClass().getName().contains("Concurrent") || e.getClass().getName().contains("Conflict")) {
                return e.getClass().getSimpleName();
            }
            throw e;
        }
    }

    @Test
    @Order(8)
    void killNineMidStreamAndRestartGivesTheSameContents() throws Exception {
        long before = bronzeCount("events");
        EVENTS.send(1200); // two batches of at most 600: the kill lands after the first
        producer.flush();

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> bronzeCount("events") > before);
        long seenAtKill = bronzeCount("events");
        job.kill();
        LOG.info("job killed with {} of {} changes in bronze", seenAtKill, EVENTS.sent);

        // from here on the job also maintains every 5 s (tests 9-10), and gives up on S3 sooner (test 10)
        optimizesBeforeSchedule = optimizeCommits("events");
        job = launchJob("5s", FAST_S3_GIVE_UP);
        assertThat(seenAtKill).as("killed mid-stream").isLessThan(EVENTS.sent);
        assertLakeEquals(EVENTS);
        Files.writeString(dir.resolve("kill-test.txt"), "killed at " + seenAtKill + "/" + EVENTS.sent + "\n");
    }

    @Test
    @Order(9)
    void scheduledMaintenanceCompactsSilverByItself() throws Exception {
        // the restarted job: its schedule compacts what the last batches wrote, nobody else touches the table now
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(3)).ignoreExceptions().untilAsserted(() -> {
            assertThat(metric("tributary_lakehouse_maintenance_runs_total")).isPositive();
            assertThat(optimizeCommits("events")).as("OPTIMIZE commits of silver.events")
                    .isGreaterThan(optimizesBeforeSchedule);
            assertThat(spark.sql("DESCRIBE DETAIL " + LakePaths.deltaRef(paths.silver("events"))).first()
                    .<Long>getAs("numFiles")).as("live files of silver.events").isEqualTo(1L);
        });
        assertLakeEquals(EVENTS);
    }

    private static long optimizeCommits(String table) {
        return spark.sql("DESCRIBE HISTORY " + LakePaths.deltaRef(paths.silver(table)))
                .where("operation = 'OPTIMIZE'")
                .count();
    }

    @Test
    @Order(10)
    void s3OutageStopsTheJobCleanlyAndARestartLosesNothing() throws Exception {
        ChangeFeed outage = new ChangeFeed("outage", 7);
        long logBefore = Files.size(job.logFile());

        Duration down = Duration.ofSeconds(Long.getLong("lakehouse.it.s3OutageSeconds", 20));
        try (Feeder feeder = new Feeder(outage, 2, Duration.ofSeconds(1))) {
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> bronzeCount("outage") > 0); // the stream is writing this table
            stack.stop(Service.S3);
            LOG.info("S3 stopped for {}", down);
            Thread.sleep(down.toMillis());
            stack.start(Service.S3);
            LOG.info("S3 is back");
            Thread.sleep(3_000);
        }
        // a request in flight when S3 came back may still fail after its last s3a retry: decide only once the job has
        // either exited or applied the whole feed
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> !job.isAlive() || appliedWhole(outage));
        if (job.isAlive() && logSince(logBefore).contains("S3 does not answer")) {
            job.waitFor(Duration.ofSeconds(60)); // it is stopping
        }
        List<String> s3Messages = logSince(logBefore).lines().filter(l -> l.contains("S3 does not answer (endpoint"))
                .toList();
        if (job.isAlive()) {
            LOG.info("the job rode the outage out");
            assertThat(s3Messages).isEmpty();
        } else {
            assertThat(job.exitCode()).hasValue(3);
            assertThat(s3Messages).as("one message naming endpoint and bucket").hasSize(1);
            assertThat(s3Messages.get(0)).contains(stack.s3().endpoint()).contains("bucket lakehouse")
                    .contains("fs.s3a.retry.limit=").contains("start the job again");
            Files.writeString(dir.resolve("s3-outage.txt"), s3Messages.get(0) + "\n");
            job = launchJob("5s", FAST_S3_GIVE_UP); // what the supervisor does
        }
        assertLakeEquals(outage);
        assertLakeEquals(EVENTS);
    }

    @Test
    @Order(7) // on the first job: no scheduled maintenance holds its batches back
    void aTableWhoseWriteFailsIsParkedWhileTheOthersFlowAndResumesExactly() throws Exception {
        ChangeFeed healthy = new ChangeFeed("healthy", 11);
        ChangeFeed fragile = new ChangeFeed("fragile", 12);
        String constraint = "ALTER TABLE " + LakePaths.deltaRef(paths.silver("fragile"));
        try (Feeder a = new Feeder(healthy, 2, Duration.ofSeconds(1));
             Feeder b = new Feeder(fragile, 2, Duration.ofSeconds(1))) {
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> silver("fragile").count() > 0);
            // a user's expectation on silver that the next change breaks: a write-time failure of this table only
            // (the job's own commits, auto compaction among them, may win a race with this one: retried as the job's are)
            new io.tributary.lakehouse.lake.CommitRetry(5, Duration.ofMillis(200)).run("ADD CONSTRAINT on silver.fragile",
                    () -> spark.sql(constraint + " ADD CONSTRAINT qty_below_1000 CHECK (qty IS NULL OR qty < 1000)"));
            fragile.sendQty(1000, 5000); // a key the feed never touches: no later change of it supersedes this one
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> httpGet("/metrics").contains("tributary_lakehouse_table_parked{table=\"fragile\""));
            Thread.sleep(5_000); // both feeds go on: healthy flows, fragile's later changes are parked
        }
        long parkedAt = fragile.sent;
        assertLakeEquals(healthy); // every change of the other table, in the same batches and after
        String parkedLine = httpGet("/metrics").lines()
                .filter(l -> l.startsWith("tributary_lakehouse_table_parked{table=\"fragile\"")).findFirst().orElseThrow();
        assertThat(parkedLine).contains("qty_below_1000").endsWith(" 1");
        Dataset<Row> parked = spark.read().format("delta").load(paths.parked()).where("_table = 'fragile'");
        assertThat(parked.count()).as("the failed batch's records and every later one are kept").isPositive();
        assertThat(parked.groupBy("partition", "offset").count().where("count > 1").count()).isZero();
        assertThat(silver("fragile").where("qty >= 1000").count()).isZero();

        spark.sql(constraint + " DROP CONSTRAINT qty_below_1000"); // the fix
        HttpResponse<String> resume = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + metricsPort + "/tables/fragile/resume"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(resume.statusCode()).as(resume.body()).isEqualTo(200);
        assertThat(resume.body()).startsWith("resumed fragile: replayed ");
        assertThat(fragile.sent).isEqualTo(parkedAt);
        assertLakeEquals(fragile); // parked changes replayed in order, nothing lost, nothing twice (bronze too)
        assertThat(httpGet("/metrics")).doesNotContain("tributary_lakehouse_table_parked{table=\"fragile\"");
        assertThat(spark.read().format("delta").load(paths.parked()).where("_table = 'fragile'").count()).isZero();
        fragile.send(20);
        producer.flush();
        assertLakeEquals(fragile); // and it streams again
        assertLakeEquals(healthy);
    }

    @Test
    @Order(11)
    void historyHoldsEveryVersionOfBronzeAndItsCurrentRowsEqualSilver() {
        io.tributary.lakehouse.history.HistoryWriter history = new io.tributary.lakehouse.history.HistoryWriter(spark,
                paths, new io.tributary.lakehouse.lake.CommitRetry(5, Duration.ofMillis(200)));
        for (String table : List.of("orders", "events", "fragile")) {
            history.update(table);
            Dataset<Row> current = history(table).where("is_current").select("id", "customer", "total", "qty");
            Dataset<Row> live = silver(table).where("NOT _deleted").select("id", "customer", "total", "qty");
            assertThat(current.exceptAll(live).count() + live.exceptAll(current).count())
                    .as("history.%s current rows against silver's live rows", table).isZero();
            assertThat(history(table).where("is_current").groupBy("id").count().where("count > 1").count()).isZero();
        }
        // orders: the TOAST update keeps the customer; the late insert of 3 (LSN 115, sent after the delete at 120) is
        // placed by its LSN, since this run reads both: a version between cyd's and the delete, which closes it
        assertThat(history("orders").orderBy("id", "_lsn_from").collectAsList()).extracting(r -> r.getAs("id"),
                r -> r.getAs("customer"), r -> r.getAs("qty"), r -> r.getAs("_lsn_from"), r -> r.getAs("_lsn_to"))
                .containsExactly(tuple(1, "ada", 1, 100L, 130L), tuple(1, "ada", 7, 130L, null),
                        tuple(2, "bob", 2, 101L, 110L), tuple(2, "bob", 4, 110L, null), tuple(3, "cyd", 3, 102L, 115L),
                        tuple(3, "ghost", 0, 115L, 120L),
                        tuple(4, "dan", 1, 140L, null), tuple(5, "eve", 5, 150L, null));
        // events (random changes, a kill -9 mid-stream): per key, one version per insert or update of bronze, in LSN
        // order, each closed by the next change of its key
        Dataset<Row> changes = bronze("events").where("op IN ('c', 'u', 'r') AND _key.id < 40")
                .selectExpr("_key.id AS id", "_lsn", "after.qty AS qty");
        Dataset<Row> versions = history("events").where("id < 40").selectExpr("id", "_lsn_from AS _lsn", "qty");
        assertThat(versions.count()).isPositive();
        assertThat(versions.exceptAll(changes).count() + changes.exceptAll(versions).count()).isZero();
        assertThat(spark.sql("SELECT count(*) FROM (SELECT _lsn_to, lead(_lsn_from) OVER (PARTITION BY id ORDER BY"
                + " _lsn_from) AS next FROM " + LakePaths.deltaRef(paths.history("events")) + ") WHERE next IS NOT NULL"
                + " AND (_lsn_to IS NULL OR _lsn_to > next)").first().getLong(0))
                .as("a version is closed by the time the next one of its key opens").isZero();
        long rows = history("events").count();
        assertThat(history.update("events").changesRead()).as("a rerun reads nothing new").isZero();
        assertThat(history("events").count()).isEqualTo(rows);
    }

    private static Dataset<Row> history(String table) {
        return spark.read().format("delta").load(paths.history(table));
    }

    @Test
    @Order(99) // last: the command stops the Spark session it gets (this JVM's)
    void sqlCommandQueriesTheLakeWithTimeTravel() {
        assertThat(ordersVersionBeforeLateChanges).isPositive();
        List<String> args = new ArrayList<>();
        Map<String, String> env = new TreeMap<>(stack.serviceEnvironment());
        env.put("TRIBUTARY_LAKEHOUSE_DATA_DIR", dir.resolve("test-spark").toString());
        env.forEach((k, v) -> {
            if (io.tributary.lakehouse.config.Setting.byKey(k.replaceAll("_FILE$", "")).isPresent()) {
                args.addAll(List.of("--set", k + "=" + v));
            }
        });
        long v = ordersVersionBeforeLateChanges;
        args.addAll(List.of("sql", "--format", "json",
                "SELECT 'orders@" + v + "' AS what, CAST(sort_array(collect_list(id)) AS STRING) AS value"
                        + " FROM silver_all.orders VERSION AS OF " + v + " WHERE NOT _deleted"
                        + " UNION ALL SELECT 'orders now', CAST(sort_array(collect_list(id)) AS STRING) FROM silver.orders"
                        + " UNION ALL SELECT 'bronze.orders', CAST(count(*) AS STRING) FROM bronze.orders"
                        + " UNION ALL SELECT 'quarantine', CAST(count(*) AS STRING) FROM lake.quarantine"));
        java.io.StringWriter out = new java.io.StringWriter();

        int code = io.tributary.lakehouse.LakehouseJobMain.commandLine().setOut(new java.io.PrintWriter(out))
                .execute(args.toArray(String[]::new));

        assertThat(code).isZero();
        assertThat(out.toString().lines().toList()).containsExactlyInAnyOrder(
                "{\"what\":\"orders@" + v + "\",\"value\":\"[1, 2, 4]\"}",
                "{\"what\":\"orders now\",\"value\":\"[1, 2, 4, 5]\"}",
                "{\"what\":\"bronze.orders\",\"value\":\"9\"}",
                "{\"what\":\"quarantine\",\"value\":\"3\"}");
    }

    /** Silver of the feed's table holds exactly its live rows, bronze each of its changes once. */
    private static void assertLakeEquals(ChangeFeed feed) {
        Map<Integer, Long> actual = new TreeMap<>();
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            assertThat(bronzeCount(feed.table)).isEqualTo(feed.sent);
            actual.clear();
            silver(feed.table).where("NOT _deleted").collectAsList()
                    .forEach(r -> actual.put(r.getAs("id"), ((Number) r.getAs("qty")).longValue()));
            assertThat(actual).isEqualTo(feed.expected);
        });
        assertThat(bronze(feed.table).groupBy("_offset").count().where("count > 1").count())
                .as("no change twice in bronze").isZero();
        assertThat(silver(feed.table).groupBy("id").count().where("count > 1").count()).as("one row per key")
                .isZero();
    }

    /** Whether bronze holds every change of the feed and silver its live rows, right now. */
    private static boolean appliedWhole(ChangeFeed feed) {
        if (bronzeCount(feed.table) != feed.sent) {
            return false;
        }
        Map<Integer, Long> actual = new TreeMap<>();
        silver(feed.table).where("NOT _deleted").collectAsList()
                .forEach(r -> actual.put(r.getAs("id"), ((Number) r.getAs("qty")).longValue()));
        return actual.equals(feed.expected);
    }

    private static String logSince(long offset) throws IOException {
        byte[] log = Files.readAllBytes(job.logFile());
        return new String(log, (int) offset, log.length - (int) offset, java.nio.charset.StandardCharsets.UTF_8);
    }

    private List<String> conflictLines(String table) throws IOException {
        return Files.readAllLines(job.logFile()).stream()
                .filter(l -> l.contains(table + ": commit conflict")).toList();
    }

    private static long metric(String name) throws IOException, InterruptedException {
        return httpGet("/metrics").lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .map(l -> (long) Double.parseDouble(l.substring(name.length() + 1).trim())).orElse(-1L);
    }

    /** A seeded random sequence of inserts, updates and deletes on 200 keys of one table, and its expected state. */
    static final class ChangeFeed {
        final String table;
        final String topic;
        final OrdersFixture f;
        final Random random;
        final Map<Integer, Long> expected = new java.util.concurrent.ConcurrentSkipListMap<>(); // id -> qty
        volatile long sent;
        long lsn = 1000;

        ChangeFeed(String table, long seed) {
            this.table = table;
            this.topic = "tributary.shop." + table;
            this.f = new OrdersFixture(topic, table);
            this.random = new Random(seed);
        }

        /** One upsert of {@code id} with the given qty. */
        synchronized void sendQty(int id, int qty) {
            lsn++;
            producer.sendAsync(topic, f.key(id), f.envelopeV1, expected.containsKey(id)
                    ? f.update(id, lsn, "c" + id, "1.00", qty) : f.insert(id, lsn, "c" + id, "1.00", qty));
            expected.put(id, (long) qty);
            sent++;
        }

        synchronized void send(int n) {
            for (int i = 0; i < n; i++) {
                lsn++;
                int id = random.nextInt(200);
                if (expected.containsKey(id) && random.nextInt(5) == 0) {
                    producer.sendAsync(topic, f.key(id), f.envelopeV1, f.delete(id, lsn));
                    expected.remove(id);
                } else {
                    int qty = random.nextInt(1000);
                    producer.sendAsync(topic, f.key(id), f.envelopeV1, expected.containsKey(id)
                            ? f.update(id, lsn, "c" + id, "1.00", qty) : f.insert(id, lsn, "c" + id, "1.00", qty));
                    expected.put(id, (long) qty);
                }
                sent++;
            }
        }
    }

    /** Sends {@code perTick} changes of a feed every {@code tick} until closed (then flushes). */
    static final class Feeder implements AutoCloseable {
        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

        Feeder(ChangeFeed feed, int perTick, Duration tick) {
            timer.scheduleAtFixedRate(() -> feed.send(perTick), 0, tick.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            timer.shutdown();
            assertThat(timer.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            producer.flush();
        }
    }
}
