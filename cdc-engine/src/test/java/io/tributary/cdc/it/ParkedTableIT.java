package io.tributary.cdc.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tributary.stack.ManagedProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 23: one table's failure stays in that table. While a writer changes shop.park_a continuously, shop.park_b's
 * column v changes from integer to text, which the registry refuses under BACKWARD. The engine keeps running: park_a's
 * changes all arrive in order, the slot advances past the break, park_b is parked (metrics, /tables/parked) and its
 * later changes go, in order, to park._parked.shop.park_b. A restart keeps it parked and loses nothing. After
 * accept-schema and resume, park_b's topic holds every change exactly once, in order, and it streams again.
 */
class ParkedTableIT {
    private static final Logger LOG = LoggerFactory.getLogger(ParkedTableIT.class);
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String A = "park.shop.park_a";
    static final String B = "park.shop.park_b";
    static final String PARKING = "park._parked.shop.park_b";
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    static CdcTestStack stack;
    final HttpClient http = HttpClient.newHttpClient();
    final List<ManagedProcess> engines = new ArrayList<>();

    @BeforeAll
    static void start() {
        stack = CdcTestStack.start("ParkedTableIT");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Writes shop.park_a: one transaction every ~15 ms, an insert of row n, and every third time an update of row n-1. */
    static final class Writer implements Runnable {
        final List<String> committed = new CopyOnWriteArrayList<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        @Override
        public void run() {
            try (Connection c = stack.app();
                 PreparedStatement insert = c.prepareStatement("INSERT INTO shop.park_a (id, seq) VALUES (?, ?)");
                 PreparedStatement update = c.prepareStatement("UPDATE shop.park_a SET seq = ? WHERE id = ?")) {
                c.setAutoCommit(false);
                for (int n = 1; running.get(); n++) {
                    List<String> txn = new ArrayList<>();
                    insert.setInt(1, n);
                    insert.setInt(2, n);
                    insert.executeUpdate();
                    txn.add("c:" + n + ":" + n);
                    if (n % 3 == 0) {
                        update.setInt(1, -n);
                        update.setInt(2, n - 1);
                        update.executeUpdate();
                        txn.add("u:" + (n - 1) + ":" + (-n));
                    }
                    c.commit();
                    committed.addAll(txn);
                    Thread.sleep(15);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }
    }

    Map<String, String> env() {
        Map<String, String> env = stack.engineEnv("park");
        env.put("TRIBUTARY_CDC_SLOT", "park_slot");
        env.put("TRIBUTARY_TOPIC_PREFIX", "park");
        env.put("TRIBUTARY_CDC_SCHEMAS", "shop");
        return env;
    }

    ManagedProcess launch(Map<String, String> env) {
        ManagedProcess engine = stack.launchEngine("cdc-park", env, List.of("-Ddebezium.table.include.list=shop.park_a,shop.park_b"));
        engines.add(engine);
        return engine;
    }

    @Test
    void aRefusedSchemaParksOnlyItsTableAndResumeReplaysItsChangesInOrder() throws Exception {
        stack.app("CREATE TABLE shop.park_a (id int PRIMARY KEY, seq int NOT NULL)",
                "CREATE TABLE shop.park_b (id int PRIMARY KEY, v integer)",
                "ALTER TABLE shop.park_b REPLICA IDENTITY FULL",
                "INSERT INTO shop.park_a VALUES (0, 0)", "INSERT INTO shop.park_b VALUES (0, 0)");
        Map<String, String> env = env();
        int port = Integer.parseInt(env.get("TRIBUTARY_CDC_METRICS_PORT"));
        ManagedProcess engine = launch(env);
        try {
            run(env, port, engine);
        } finally {
            for (ManagedProcess e : engines) {
                if (e.isAlive()) {
                    e.stop(Duration.ofSeconds(20));
                }
            }
        }
    }

    private void run(Map<String, String> env, int port, ManagedProcess first) throws Exception {
        awaitTopic(B, all -> all.size() == 1, first);
        awaitTopic(A, all -> all.size() == 1, first);
        Writer writer = new Writer();
        Thread writerThread = new Thread(writer, "park-a-writer");
        writerThread.start();

        for (int i = 1; i <= 5; i++) {
            stack.app("INSERT INTO shop.park_b VALUES (" + i + ", " + i + ")");
        }
        awaitTopic(B, all -> all.size() == 6, first);

        // the break: integer -> text is refused under BACKWARD (an int cannot be read as a string)
        stack.app("ALTER TABLE shop.park_b ALTER COLUMN v TYPE text");
        String breakLsn = currentLsn();
        for (int i = 6; i <= 10; i++) {
            stack.app("INSERT INTO shop.park_b VALUES (" + i + ", 'text " + i + "')");
        }
        stack.app("UPDATE shop.park_b SET v = 'one' WHERE id = 1", "DELETE FROM shop.park_b WHERE id = 2");
        List<String> expectedParked = List.of("c:6", "c:7", "c:8", "c:9", "c:10", "u:1", "d:2", "ts:2");

        List<Parked> parked = readParked(p -> p.size() >= expectedParked.size(), WAIT);
        assertThat(parked).as("park_b's changes after the break, in order; log:%n%s", CdcTestStack.log(first))
                .extracting(Parked::describe).containsExactlyElementsOf(expectedParked);
        Parked firstParked = parked.get(0);
        assertThat(firstParked.headers()).containsEntry("tributary.table", "shop.park_b")
                .containsEntry("tributary.topic", B).containsEntry("tributary.error.kind", "schema_refused")
                .containsEntry("tributary.lsn", String.valueOf(firstParked.lsn()));
        assertThat(firstParked.headers().get("tributary.error")).contains("refused the new schema of table shop.park_b")
                .contains("column v changed from null|int to null|string");
        assertThat(firstParked.doc().at("/value/payload/after/v").asText()).isEqualTo("text 6");
        assertThat(firstParked.doc().at("/value/schema/name").asText()).isEqualTo("park.shop.park_b.Envelope");

        String metrics = stack.metrics(port);
        assertThat(metrics).contains("tributary_cdc_table_parked{table=\"shop.park_b\",reason=\"schema_refused\"} 1")
                .doesNotContain("tributary_cdc_table_parked{table=\"shop.park_a\"");
        JsonNode list = JSON.readTree(get(port, "/tables/parked"));
        assertThat(list.at("/parked/0/table").asText()).isEqualTo("shop.park_b");
        assertThat(list.at("/parked/0/sinceLsn").asLong()).isEqualTo(firstParked.lsn());
        assertThat(list.at("/parked/0/fix").asText()).contains("/tables/shop.park_b/accept-schema");
        assertThat(CdcTestStack.log(first).split("Table shop.park_b is PARKED at LSN", -1)).as("one WARN").hasSize(2);
        assertThat(first.isAlive()).as("the engine keeps running").isTrue();
        Awaitility.await().atMost(WAIT).until(() -> confirmedPast("park_slot", breakLsn));
        assertThat(stack.reader.readAll(B)).as("nothing of the parked table in its topic").hasSize(6);

        // a restart while parked: still parked, later changes still parked, nothing lost or doubled
        first.stop(Duration.ofSeconds(30));
        assertThat(first.exitCode()).as("graceful stop; log:%n%s", CdcTestStack.log(first)).hasValue(0);
        stack.app("INSERT INTO shop.park_b VALUES (11, 'while stopped')");
        ManagedProcess second = launch(env);
        stack.app("INSERT INTO shop.park_b VALUES (12, 'after restart')");
        List<String> expectedAfterRestart = new ArrayList<>(expectedParked);
        expectedAfterRestart.addAll(List.of("c:11", "c:12"));
        parked = readParked(p -> p.size() >= expectedAfterRestart.size(), WAIT);
        assertThat(parked).as("log:%n%s", CdcTestStack.log(second)).extracting(Parked::describe)
                .containsExactlyElementsOf(expectedAfterRestart);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.metrics(port))
                .contains("tributary_cdc_table_parked{table=\"shop.park_b\",reason=\"schema_refused\"} 1"));
        assertThat(CdcTestStack.log(second)).contains("Table shop.park_b is PARKED since LSN " + firstParked.lsn());

        // resume before accept-schema: refused, nothing replayed
        HttpResponse<String> early = post(port, "/tables/shop.park_b/resume");
        assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
        assertThat(early.body()).contains("accept-schema first");
        assertThat(stack.reader.readAll(B)).hasSize(6);

        HttpResponse<String> accept = post(port, "/tables/shop.park_b/accept-schema");
        assertThat(accept.statusCode()).as(accept.body()).isEqualTo(200);
        JsonNode accepted = JSON.readTree(accept.body());
        assertThat(accepted.get("schemas")).anySatisfy(s -> {
            assertThat(s.get("subject").asText()).isEqualTo(B + "-value");
            assertThat(s.get("overridden").asBoolean()).isTrue();
        });
        HttpResponse<String> subjectLevel = http.send(HttpRequest.newBuilder(URI.create(stack.stack.registryUrl()
                + "/config/" + B + "-value")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(subjectLevel.statusCode()).as("the override is gone: %s", subjectLevel.body()).isEqualTo(404);

        HttpResponse<String> resume = post(port, "/tables/shop.park_b/resume");
        assertThat(resume.statusCode()).as(resume.body()).isEqualTo(200);
        assertThat(JSON.readTree(resume.body()).get("replayed").asInt()).isEqualTo(expectedAfterRestart.size());
        stack.app("INSERT INTO shop.park_b VALUES (13, 'streams again')");

        List<String> expectedB = new ArrayList<>(List.of("r:0", "c:1", "c:2", "c:3", "c:4", "c:5"));
        expectedB.addAll(expectedAfterRestart);
        expectedB.add("c:13");
        List<DecodedChange> b = awaitTopic(B, all -> all.size() >= expectedB.size(), second);
        assertThat(b).as("every change of park_b once, in order").extracting(ParkedTableIT::describe)
                .containsExactlyElementsOf(expectedB);
        assertThat(b.get(6).column("v")).isEqualTo("text 6");
        assertThat(b.get(14).column("v")).isEqualTo("while stopped");
        assertThat(b.stream().filter(c -> !c.isTombstone()).map(DecodedChange::lsn).toList()).isSorted();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.metrics(port))
                .doesNotContain("tributary_cdc_table_parked{")
                .contains("tributary_cdc_replayed_changes_total{table=\"shop.park_b\"} " + expectedAfterRestart.size()));

        // park_a flowed all along: every committed change exactly once, in commit order
        writer.running.set(false);
        // its last transaction may still be committing: read what it committed only once it has stopped (a 10 s join
        // under a loaded machine returned first, and the change it committed then was "not expected")
        writerThread.join(60_000);
        assertThat(writerThread.isAlive()).as("the writer of park_a stopped").isFalse();
        assertThat(writer.failure.get()).isNull();
        List<String> expectedA = new ArrayList<>(List.of("r:0:0"));
        expectedA.addAll(writer.committed);
        List<DecodedChange> a = awaitTopic(A, all -> all.size() >= expectedA.size(), second);
        assertThat(a).extracting(c -> describe(c) + ":" + c.column("seq")).containsExactlyElementsOf(expectedA);
        assertThat(a.stream().map(DecodedChange::lsn).toList()).isSorted();
        LOG.info("park test: {} changes of park_a streamed around the parking of park_b; {} changes of park_b parked and "
                + "replayed", writer.committed.size(), expectedAfterRestart.size());
    }

    static String describe(DecodedChange c) {
        return (c.isTombstone() ? "ts" : c.op()) + ":" + c.keyColumn("id");
    }

    List<DecodedChange> awaitTopic(String topic, Predicate<List<DecodedChange>> done, ManagedProcess engine) {
        List<DecodedChange> all = stack.reader.readUntil(topic, done, WAIT);
        assertThat(done.test(all)).as("topic %s; read %s; log:%n%s", topic, all, CdcTestStack.log(engine)).isTrue();
        return all;
    }

    /** One record of the parking topic. */
    record Parked(long offset, Map<String, String> headers, JsonNode doc) {
        long lsn() {
            return Long.parseLong(headers.get("tributary.lsn"));
        }

        String describe() {
            JsonNode value = doc.get("value");
            String op = value.isNull() ? "ts" : value.at("/payload/op").asText();
            return op + ":" + doc.at("/key/payload/id").asInt();
        }
    }

    List<Parked> readParked(Predicate<List<Parked>> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.stack.kafkaBootstrap());
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("allow.auto.create.topics", "false");
        List<Parked> all = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            all.clear();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
                var infos = consumer.partitionsFor(PARKING, Duration.ofSeconds(2));
                if (infos != null && !infos.isEmpty()) {
                    assertThat(infos).as("one partition").hasSize(1);
                    TopicPartition tp = new TopicPartition(PARKING, 0);
                    consumer.assign(List.of(tp));
                    consumer.seekToBeginning(List.of(tp));
                    long end = consumer.endOffsets(List.of(tp)).get(tp);
                    while (consumer.position(tp) < end) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                            Map<String, String> headers = new HashMap<>();
                            for (Header h : r.headers()) {
                                headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                            }
                            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("shop.park_b");
                            all.add(new Parked(r.offset(), headers, JSON.readTree(r.value())));
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // not created yet
            }
            if (done.test(all)) {
                return all;
            }
            Thread.sleep(300);
        }
        return all;
    }

    static String currentLsn() throws Exception {
        try (Connection c = stack.superuser(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static boolean confirmedPast(String slot, String lsn) throws Exception {
        try (Connection c = stack.superuser(); PreparedStatement st = c.prepareStatement(
                "SELECT confirmed_flush_lsn >= ?::pg_lsn FROM pg_replication_slots WHERE slot_name = ?")) {
            st.setString(1, lsn);
            st.setString(2, slot);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    String get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    HttpResponse<String> post(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
