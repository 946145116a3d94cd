package io.tributary.lakehouse.it;

import static io.tributary.lakehouse.fixture.DebeziumFixtures.TOAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.fixture.CdcTopicProducer;
import io.tributary.lakehouse.fixture.OrdersFixture;
import io.tributary.lakehouse.lake.LakeCatalog;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.stream.SparkSessions;
import io.tributary.stack.LocalStack;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.ModuleLaunch;
import io.tributary.stack.Service;
import io.tributary.stack.StackSettings;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * its own Spark session. One stack and one job for the class; each test uses its own table.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LakehouseJobIT {

    private static final Logger LOG = LoggerFactory.getLogger(LakehouseJobIT.class);
    private static final Duration WAIT = Duration.ofMinutes(4);

    static LocalStack stack;
    static SparkSession spark;
    static LakePaths paths;
    static CdcTopicProducer producer;
    static ManagedProcess job;
    static int metricsPort;
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        dir = Path.of("target/it-stacks/LakehouseJobIT-" + System.currentTimeMillis()).toAbsolutePath();
        stack = LocalStack.start(StackSettings.forTests(dir), Service.KAFKA, Service.REGISTRY, Service.S3);
        try (ServerSocket s = new ServerSocket(0)) {
            metricsPort = s.getLocalPort();
        }
        job = launchJob();
        producer = new CdcTopicProducer(stack.kafkaBootstrap(), stack.registryUrl());

        Map<String, String> env = new HashMap<>(stack.serviceEnvironment());
        env.put("TRIBUTARY_LAKEHOUSE_DATA_DIR", dir.resolve("test-spark").toString());
        LakehouseConfig readerConfig = LakehouseConfig.load(Map.of(), env, Map.of());
        spark = SparkSessions.create(readerConfig, "lakehouse-job-it-reader");
        paths = new LakePaths(readerConfig.lakeRoot());
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (spark != null) {
            spark.stop();
        }
        if (stack != null) {
            stack.close();
        }
    }

    static ManagedProcess launchJob() {
        Map<String, String> env = new HashMap<>();
        env.put("TRIBUTARY_LAKEHOUSE_TRIGGER_INTERVAL", "1s");
        env.put("TRIBUTARY_LAKEHOUSE_MAINTENANCE_INTERVAL", "0s");
        env.put("TRIBUTARY_LAKEHOUSE_METRICS_PORT", String.valueOf(metricsPort));
        env.put("TRIBUTARY_LAKEHOUSE_MAX_OFFSETS_PER_TRIGGER", "600");
        env.put("TRIBUTARY_LAKEHOUSE_DATA_DIR", dir.resolve("lakehouse-job").toString());
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        jvm.addAll(sparkJvmOptions());
        return stack.launch(ModuleLaunch.of("lakehouse-job", "io.tributary.lakehouse.LakehouseJobMain",
                List.of("stream"), env, jvm));
    }

    /** Spark's Java 17 opens: from failsafe's system property, else the ones this JVM was started with. */
    static List<String> sparkJvmOptions() {
        String fromPom = System.getProperty("spark.java17.opens", "").trim();
        List<String> options = fromPom.isEmpty()
                ? java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                : Arrays.asList(fromPom.split("\\s+"));
        return options.stream().filter(o -> o.startsWith("--add-opens") || o.startsWith("--add-exports")
                || o.startsWith("-XX:+IgnoreUnrecognizedVMOptions") || o.startsWith("-Djdk.reflect")
                || o.startsWith("-Dio.netty")).toList();
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
        OrdersFixture f = new OrdersFixture("tributary.shop.orders", "orders");
        producer.send(f.topic, f.key(1), f.envelopeV1, f.insert(1, 100, "ada", "10.00", 1));
        producer.send(f.topic, f.key(2), f.envelopeV1, f.insert(2, 101, "bob", "20.00", 2));
        producer.send(f.topic, f.key(3), f.envelopeV1, f.insert(3, 102, "cyd", "30.00", 3));
        producer.send(f.topic, f.key(2), f.envelopeV1, f.update(2, 110, "bob", "25.00", 4));
        producer.send(f.topic, f.key(3), f.envelopeV1, f.delete(3, 120));
        producer.tombstone(f.topic, f.key(3));
        producer.send(f.topic, f.key(1), f.envelopeV1, f.update(1, 130, TOAST, "12.00", 7));
        producer.send(f.topic, f.key(4), f.envelopeV1, f.insert(4, 140, "dan", "40.00", 1));

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
    void poisonRecordsLandInQuarantineWhileTheRestIsApplied() throws Exception {
        OrdersFixture f = new OrdersFixture("tributary.shop.payments", "payments");
        producer.send(f.topic, f.key(1), f.envelopeV1, f.insert(1, 200, "ada", "1.00", 1));
        producer.sendRaw(f.topic, "k".getBytes(), "this is not avro".getBytes());
        producer.sendRaw(f.topic, null, new byte[] {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 4, 6});
        producer.send(f.topic, null, f.envelopeV1, f.insert(9, 201, "no key", "9.00", 9));
        producer.send(f.topic, f.key(2), f.envelopeV1, f.insert(2, 202, "bob", "2.00", 2));

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
    @Order(3)
    void schemaChangesFollowInSilverAndBronze() {
        OrdersFixture f = new OrdersFixture("tributary.shop.baskets", "baskets");
        producer.send(f.topic, f.key(1), f.envelopeV1, f.insert(1, 300, "ada", "1.00", 1));
        producer.send(f.topic, f.key(2), f.envelopeV1, f.insert(2, 301, "bob", "2.00", 2));
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
    }

    @Test
    @Order(4)
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
    @Order(5)
    void killNineMidStreamAndRestartGivesTheSameContents() throws Exception {
        String topic = "tributary.shop.events";
        OrdersFixture f = new OrdersFixture(topic, "events");
        Random random = new Random(42);
        Map<Integer, Long> expected = new TreeMap<>(); // id -> qty of the live row
        long lsn = 1000;
        int changes = 0;
        for (int i = 0; i < 1500; i++) {
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
            changes++;
        }
        producer.flush();
        final int total = changes;

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> bronzeCount("events") > 0);
        long seenAtKill = bronzeCount("events");
        job.kill();
        LOG.info("job killed with {} of {} changes in bronze", seenAtKill, changes);
        assertThat(seenAtKill).isLessThan(changes);

        job = launchJob();
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> bronzeCount("events") == total);
        Map<Integer, Long> actual = new TreeMap<>();
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            actual.clear();
            silver("events").where("NOT _deleted").collectAsList()
                    .forEach(r -> actual.put(r.getAs("id"), ((Number) r.getAs("qty")).longValue()));
            assertThat(actual).isEqualTo(expected);
        });
        assertThat(bronze("events").groupBy("_offset").count().where("count > 1").count())
                .as("no change twice in bronze").isZero();
        assertThat(silver("events").groupBy("id").count().where("count > 1").count()).as("one row per key").isZero();
        Files.writeString(dir.resolve("kill-test.txt"), "killed at " + seenAtKill + "/" + changes + "\n");
    }
}
