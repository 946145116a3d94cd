package io.tributary.cdc.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.debezium.engine.DebeziumEngine;
import io.tributary.cdc.avro.AvroChange;
import io.tributary.cdc.avro.ChangeKind;
import io.tributary.cdc.avro.ColumnEncodingException;
import io.tributary.cdc.avro.RecordOrigin;
import io.tributary.cdc.monitor.CdcMetrics;
import io.tributary.cdc.monitor.PrometheusFormat;
import io.tributary.cdc.parking.ParkedChange;
import io.tributary.cdc.parking.ParkedTable;
import io.tributary.cdc.parking.ParkedTables;
import io.tributary.cdc.parking.ParkingSink;
import io.tributary.cdc.parking.ParkingTopics;
import io.tributary.cdc.parking.TableFailure;
import io.tributary.cdc.parking.TableParking;
import io.tributary.serde.RegistryUnavailableException;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure of one table parks that table: its failing change and every later one go, in order, to its parking
 * topic, while every other table flows in the same batch and after; the parked state is written before the offsets.
 */
class ParkingBatchHandlerTest {
    static final GenericRecord KEY = new GenericData.Record(SchemaBuilder.record("Key").fields().requiredInt("id").endRecord());

    @TempDir
    Path dir;

    final List<String> events = new CopyOnWriteArrayList<>();
    final CdcMetrics metrics = new CdcMetrics();
    final Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    /** "a@c:1" is a change (op c) of table shop.a at LSN 1; "a@ts:2" its tombstone; "hb:3" a heartbeat. */
    static AvroChange parse(String record) {
        if (record.startsWith("hb:")) {
            return new AvroChange("__debezium-heartbeat.tributary", null, ChangeKind.HEARTBEAT, null, null, null,
                    Long.parseLong(record.substring(3)), null);
        }
        String table = "shop." + record.substring(0, record.indexOf('@'));
        String[] parts = record.substring(record.indexOf('@') + 1).split(":");
        long lsn = Long.parseLong(parts[1]);
        String topic = "tributary." + table;
        return "ts".equals(parts[0])
                ? new AvroChange(topic, table, ChangeKind.TOMBSTONE, null, KEY, null, lsn, null)
                : new AvroChange(topic, table, ChangeKind.CHANGE, parts[0], KEY, null, lsn, 1_000L);
    }

    static EngineRecords<String> records(Function<String, AvroChange> converter) {
        return new EngineRecords<>() {
            @Override
            public RecordOrigin origin(String record) {
                AvroChange c = parse(record);
                return new RecordOrigin(c.topic(), c.table(), c.kind(), c.op(), c.lsn(), true);
            }

            @Override
            public AvroChange convert(String record) {
                return converter.apply(record);
            }

            @Override
            public ParkedChange parked(String record, RecordOrigin origin) {
                return new ParkedChange(origin.table(), origin.kind(), origin.op(), origin.lsn(),
                        record.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /** Acknowledges at once; throws what {@code failures} names for a record's LSN while serializing. */
    final class Sink implements ChangeSink {
        final List<String> sent = new ArrayList<>();
        final Map<Long, RuntimeException> failures;

        Sink(Map<Long, RuntimeException> failures) {
            this.failures = new java.util.HashMap<>(failures);
        }

        @Override
        public CompletableFuture<Void> send(AvroChange change) {
            RuntimeException failure = failures.get(change.lsn());
            if (failure != null) {
                throw failure;
            }
            sent.add(change.table() + "@" + (change.op() == null ? "ts" : change.op()) + ":" + change.lsn());
            events.add("ack " + change.lsn());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    }

    final class Parking implements ParkingSink {
        final List<String> parked = new ArrayList<>();
        boolean fail;

        @Override
        public CompletableFuture<Void> send(ParkedTable table, ParkedChange change) {
            parked.add(table.parkingTopic() + " " + new String(change.json(), StandardCharsets.UTF_8));
            if (fail) {
                return CompletableFuture.failedFuture(new NotEnoughReplicasException("broker down"));
            }
            events.add("parked ack " + change.lsn());
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Records, for each markProcessed, whether the parked-tables file already named the parked table. */
    final class Committer implements DebeziumEngine.RecordCommitter<String> {
        @Override
        public void markProcessed(String record) {
            events.add("processed " + record + (fileNames("shop.b") ? " (file says b parked)" : ""));
        }

        @Override
        public void markBatchFinished() {
            events.add("batch finished");
        }

        @Override
        public void markProcessed(String record, DebeziumEngine.Offsets offsets) {
            markProcessed(record);
        }

        @Override
        public DebeziumEngine.Offsets buildOffsets() {
            throw new UnsupportedOperationException();
        }
    }

    Path stateFile() {
        return dir.resolve("parked-tables.json");
    }

    boolean fileNames(String table) {
        try {
            return Files.exists(stateFile()) && Files.readString(stateFile()).contains("\"" + table + "\"");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    ChangeBatchHandler<String> handler(Sink sink, Parking parking, Function<String, AvroChange> converter) {
        TableParking tableParking = new TableParking(ParkedTables.load(stateFile(), metrics), parking,
                new ParkingTopics("tributary"), clock);
        return new ChangeBatchHandler<>(records(converter), sink, tableParking, metrics, Duration.ofSeconds(5), clock, true,
                () -> { }, new ReentrantLock());
    }

    static SchemaRejectedException refused() {
        return new SchemaRejectedException("The schema registry refused the new schema of table shop.b (subject "
                + "tributary.shop.b-value, LSN 3) as incompatible: column v changed from int to string", null);
    }

    @Test
    void aRefusedSchemaParksItsTableInOrderWhileOtherTablesFlowInTheSameBatchAndAfter() throws Exception {
        Sink sink = new Sink(Map.of(3L, refused()));
        Parking parking = new Parking();
        ChangeBatchHandler<String> handler = handler(sink, parking, ParkingBatchHandlerTest::parse);

        handler.handleBatch(List.of("a@c:1", "b@c:2", "b@u:3", "a@u:4", "b@u:5", "hb:6", "b@d:7", "b@ts:7", "a@c:8"),
                new Committer());

        assertThat(sink.sent).containsExactly("shop.a@c:1", "shop.b@c:2", "shop.a@u:4", "shop.a@c:8");
        assertThat(parking.parked).as("the refused change and every later change of shop.b, even encodable ones, in order")
                .containsExactly("tributary._parked.shop.b b@u:3", "tributary._parked.shop.b b@u:5",
                        "tributary._parked.shop.b b@d:7", "tributary._parked.shop.b b@ts:7");
        List<String> commits = events.stream().filter(e -> !e.contains("ack")).toList();
        assertThat(commits).as("every record marked, after the parked state is on disk").containsExactly(
                "processed a@c:1 (file says b parked)", "processed b@c:2 (file says b parked)",
                "processed b@u:3 (file says b parked)", "processed a@u:4 (file says b parked)",
                "processed b@u:5 (file says b parked)", "processed hb:6 (file says b parked)",
                "processed b@d:7 (file says b parked)", "processed b@ts:7 (file says b parked)",
                "processed a@c:8 (file says b parked)", "batch finished");
        assertThat(events.indexOf("processed a@c:1 (file says b parked)"))
                .as("all acknowledgements (normal and parked) before the first mark")
                .isGreaterThan(events.lastIndexOf("parked ack 7"));
        assertThat(metrics.lastLsn()).isEqualTo(8L);
        assertThat(PrometheusFormat.render(metrics))
                .contains("tributary_cdc_table_parked{table=\"shop.b\",reason=\"schema_refused\"} 1\n")
                .contains("tributary_cdc_parked_changes_total{table=\"shop.b\"} 4\n")
                .doesNotContain("tributary_cdc_table_parked{table=\"shop.a\"");

        // the next batch: shop.b's changes still go to parking though nothing fails any more; shop.a flows
        sink.failures.clear();
        handler.handleBatch(List.of("b@u:9", "a@u:10"), new Committer());
        assertThat(parking.parked).last().isEqualTo("tributary._parked.shop.b b@u:9");
        assertThat(sink.sent).last().isEqualTo("shop.a@u:10");
    }

    @Test
    void aRestartedEngineKeepsTheTableParkedFromTheFile() throws Exception {
        handler(new Sink(Map.of(3L, refused())), new Parking(), ParkingBatchHandlerTest::parse)
                .handleBatch(List.of("b@u:3"), new Committer());

        CdcMetrics fresh = new CdcMetrics();
        ParkedTables reloaded = ParkedTables.load(stateFile(), fresh);
        assertThat(reloaded.all()).singleElement().satisfies(p -> {
            assertThat(p.table()).isEqualTo("shop.b");
            assertThat(p.sinceLsn()).isEqualTo(3L);
            assertThat(p.kind()).isEqualTo(TableFailure.Kind.SCHEMA_REFUSED);
            assertThat(p.parkingTopic()).isEqualTo("tributary._parked.shop.b");
            assertThat(p.reason()).contains("column v changed from int to string");
            assertThat(p.parkedAt()).isEqualTo(clock.instant());
        });
        assertThat(PrometheusFormat.render(fresh)).contains("tributary_cdc_table_parked{table=\"shop.b\",reason=\"schema_refused\"} 1");

        Sink sink = new Sink(Map.of());
        Parking parking = new Parking();
        handler(sink, parking, ParkingBatchHandlerTest::parse).handleBatch(List.of("b@u:11", "a@c:12"), new Committer());
        assertThat(parking.parked).containsExactly("tributary._parked.shop.b b@u:11");
        assertThat(sink.sent).containsExactly("shop.a@c:12");
    }

    @Test
    void anUnencodableValueAndAnUnexpectedConversionErrorParkOnlyTheirTable() throws Exception {
        Parking parking = new Parking();
        Sink sink = new Sink(Map.of());
        ChangeBatchHandler<String> handler = handler(sink, parking, r -> {
            if (r.equals("b@c:2")) {
                throw new ColumnEncodingException("amount", "BYTES org.apache.kafka.connect.data.Decimal",
                        "decimal 1.234 does not fit scale 2", null);
            }
            if (r.equals("c@c:3")) {
                throw new NullPointerException("boom");
            }
            return parse(r);
        });
        handler.handleBatch(List.of("a@c:1", "b@c:2", "c@c:3", "a@c:4", "c@u:5"), new Committer());

        assertThat(sink.sent).containsExactly("shop.a@c:1", "shop.a@c:4");
        assertThat(parking.parked).containsExactly("tributary._parked.shop.b b@c:2", "tributary._parked.shop.c c@c:3",
                "tributary._parked.shop.c c@u:5");
        ParkedTables state = ParkedTables.load(stateFile(), new CdcMetrics());
        assertThat(state.get("shop.b").kind()).isEqualTo(TableFailure.Kind.VALUE_NOT_ENCODABLE);
        assertThat(state.get("shop.b").column()).isEqualTo("amount");
        assertThat(state.get("shop.c").kind()).isEqualTo(TableFailure.Kind.CONVERSION_ERROR);
        assertThat(state.get("shop.c").reason()).contains("shop.c").contains("NullPointerException: boom");
        assertThat(state.get("shop.a")).isNull();
    }

    @Test
    void anInfrastructureFailureIsNeverParkedAndStopsTheBatchWithNothingMarked() {
        Sink sink = new Sink(Map.of(2L, new DependencyUnavailableException("The schema registry at http://x stayed "
                + "unreachable", new RegistryUnavailableException("connection refused", 0, null))));
        Parking parking = new Parking();
        ChangeBatchHandler<String> handler = handler(sink, parking, ParkingBatchHandlerTest::parse);

        assertThatThrownBy(() -> handler.handleBatch(List.of("a@c:1", "b@c:2", "a@c:3"), new Committer()))
                .isInstanceOf(DependencyUnavailableException.class);
        assertThat(parking.parked).isEmpty();
        assertThat(events).noneMatch(e -> e.startsWith("processed") || e.equals("batch finished"));
        assertThat(Files.exists(stateFile())).isFalse();
        assertThat(PrometheusFormat.render(metrics)).doesNotContain("tributary_cdc_table_parked{");
    }

    @Test
    void anUnacknowledgedParkedChangeFailsTheBatchBeforeTheStateOrTheOffsetsAreWritten() {
        Parking parking = new Parking();
        parking.fail = true;
        ChangeBatchHandler<String> handler = handler(new Sink(Map.of(2L, refused())), parking, ParkingBatchHandlerTest::parse);

        assertThatThrownBy(() -> handler.handleBatch(List.of("a@c:1", "b@c:2"), new Committer()))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("parked change of shop.b at LSN 2 (topic tributary._parked.shop.b)")
                .hasMessageContaining("broker down");
        assertThat(events).noneMatch(e -> e.startsWith("processed") || e.equals("batch finished"));
        assertThat(Files.exists(stateFile())).as("parked state not written: a restart replays and parks again").isFalse();
    }

    @Test
    void aDamagedStateFileStopsTheStartInsteadOfUnparkingTables() throws Exception {
        Files.writeString(stateFile(), "{\"format\":1,\"tables\":[{\"table\":\"shop.b\"");
        assertThatThrownBy(() -> ParkedTables.load(stateFile(), metrics))
                .isInstanceOf(ParkedTables.ParkedStateException.class)
                .hasMessageContaining("is damaged").hasMessageContaining("Restore it");
    }
}
