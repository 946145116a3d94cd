package io.tributary.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceAssemblyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long COMMIT = 1_765_000_000_000L;
    private static final long LSN = 0x1B3E8C8L;
    private static final ChangeEvent UPDATE = new ChangeEvent("tributary.shop.orders", 0, 14210, COMMIT + 180, 5, 2, "u",
            LSN, COMMIT, 901L, Map.of("order_id", "42"), "{\"order_id\": 42, \"status\": \"paid\"}",
            "{\"order_id\": 42, \"status\": \"shipped\"}");
    private static final PostgresRow ROW = new PostgresRow(true, 901, COMMIT, "{\"order_id\": 42, \"status\": \"shipped\"}");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static JsonNode bronze() throws Exception {
        return json("{\"hop\":\"bronze\",\"arrived\":true,\"lsn\":" + LSN + ",\"op\":\"u\",\"partition\":0,\"offset\":14210,"
                + "\"version\":57,\"timestampMs\":" + (COMMIT + 3_400) + ",\"operation\":\"WRITE\",\"batch\":56}");
    }

    private static JsonNode silver(long lsn, boolean arrived, String status) throws Exception {
        return json("{\"hop\":\"silver\",\"arrived\":" + arrived + ",\"found\":true,\"lsn\":" + lsn + ",\"deleted\":false,"
                + "\"version\":60,\"timestampMs\":" + (COMMIT + 5_900) + ",\"operation\":\"MERGE\","
                + "\"values\":{\"order_id\":42,\"status\":\"" + status + "\"}}");
    }

    @Test
    void aChangeInSilverHasEveryHopWithItsLsnAndOrderedDelaysFromTheSourceCommit() throws Exception {
        Trace trace = TraceAssembly.assemble("orders", ROW, UPDATE, bronze(), silver(LSN, true, "shipped"));
        assertThat(trace.stuck()).isNull();
        assertThat(trace.hops()).extracting(Hop::name).containsExactly("postgres", "kafka", "bronze", "silver");
        assertThat(trace.hops()).allSatisfy(h -> assertThat(h.lsn()).isEqualTo(LSN));
        assertThat(trace.hops()).extracting(Hop::delayMs).containsExactly(0L, 180L, 3_400L, 5_900L);
        assertThat(trace.hops().get(2).facts()).containsEntry("version", 57L).containsEntry("batch", 56L)
                .containsEntry("offset", 14210L);
        assertThat(trace.hops().get(1).facts()).containsEntry("schemaId", 5).containsEntry("schemaVersion", 2);
        assertThat(trace.differingColumns()).isEmpty();

        String text = TraceText.of(trace);
        assertThat(text).contains("change u at LSN 0/1B3E8C8")
                .containsPattern("silver +\\S+ +\\+5\\.900 s LSN 0/1B3E8C8, version 60")
                .contains("silver equals PostgreSQL");
        JsonNode doc = json(TraceJson.of(trace));
        assertThat(doc.get("lsn").asText()).isEqualTo("0/1B3E8C8");
        assertThat(doc.get("hops").get(3).get("delayMs").asLong()).isEqualTo(5_900);
        assertThat(doc.get("hops").get(3).get("at").asText()).isEqualTo("2025-12-06T05:46:45.900Z");
        assertThat(doc.get("after").get("status").asText()).isEqualTo("shipped");
        assertThat(doc.get("stuck").isNull()).isTrue();
    }

    @Test
    void aChangeNotMergedYetIsStuckBetweenBronzeAndSilverWithSilversLsn() throws Exception {
        Trace trace = TraceAssembly.assemble("orders", ROW, UPDATE, bronze(), silver(LSN - 100, false, "paid"));
        assertThat(trace.stuck()).startsWith("between bronze and silver").contains("0/1B3E864");
        assertThat(trace.hops().get(3).arrived()).isFalse();
        assertThat(trace.hops().get(3).delayMs()).isNull();
        assertThat(trace.differingColumns()).isNull();
        assertThat(TraceText.of(trace)).contains("STUCK between bronze and silver").contains("silver   not yet");
    }

    @Test
    void anEventBronzeHasNotReadIsStuckBetweenKafkaAndBronze() throws Exception {
        Trace trace = TraceAssembly.assemble("orders", ROW, UPDATE,
                json("{\"hop\":\"bronze\",\"arrived\":false,\"partition\":0,\"offset\":14210}"), null);
        assertThat(trace.stuck()).startsWith("between Kafka and bronze").contains("offset 14210");
    }

    @Test
    void aNewerRowVersionThanTheNewestEventIsStuckBeforeKafka() throws Exception {
        PostgresRow newer = new PostgresRow(true, 950, COMMIT + 60_000, "{\"order_id\": 42, \"status\": \"returned\"}");
        Trace trace = TraceAssembly.assemble("orders", newer, UPDATE, bronze(), silver(LSN, true, "shipped"));
        assertThat(trace.stuck()).startsWith("between PostgreSQL and Kafka").contains("transaction 950");
        // the postgres hop then shows the event's commit time, not the newer row's
        assertThat(trace.hops().get(0).atMs()).isEqualTo(COMMIT);
        assertThat(trace.differingColumns()).isNull();
    }

    @Test
    void withoutCommitTimestampsThePostgresHopTakesTheEventsSourceTime() {
        Hop pg = TraceAssembly.postgres(new PostgresRow(true, 901, null, "{}"), UPDATE);
        assertThat(pg.atMs()).isEqualTo(COMMIT);
        assertThat(pg.note()).contains("track_commit_timestamp is off");
        Hop deleted = TraceAssembly.postgres(PostgresRow.missing(), new ChangeEvent("t", 0, 1, COMMIT + 5, 5, 2, "d", LSN,
                COMMIT, 902L, Map.of("order_id", "42"), "{}", null));
        assertThat(deleted.note()).startsWith("no row with the key (deleted)");
    }

    @Test
    void aRowWrittenAfterTheSnapshotThatReadItIsNewerThanTheSnapshotEvent() {
        ChangeEvent snapshot = new ChangeEvent("t", 0, 7, COMMIT + 5, 4, 1, "r", LSN, COMMIT, 744L,
                Map.of("order_id", "8"), null, "{}");
        assertThat(TraceAssembly.newerInPostgres(new PostgresRow(true, 1578, COMMIT, "{}"), snapshot)).isTrue();
        assertThat(TraceAssembly.newerInPostgres(new PostgresRow(true, 700, COMMIT, "{}"), snapshot)).isFalse();
        assertThat(TraceAssembly.newerInPostgres(new PostgresRow(true, 901, COMMIT, "{}"), UPDATE)).isFalse();
        assertThat(TraceAssembly.newerInPostgres(PostgresRow.missing(), UPDATE)).isFalse();
    }
}
