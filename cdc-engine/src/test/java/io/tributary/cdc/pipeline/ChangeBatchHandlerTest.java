package io.tributary.cdc.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.debezium.engine.DebeziumEngine;
import io.tributary.cdc.avro.AvroChange;
import io.tributary.cdc.avro.ChangeKind;
import io.tributary.cdc.monitor.CdcMetrics;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The acknowledgement discipline: nothing is marked processed before Kafka acknowledged the whole batch. */
class ChangeBatchHandlerTest {
    private final ScheduledExecutorService kafka = Executors.newSingleThreadScheduledExecutor();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CdcMetrics metrics = new CdcMetrics();
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(10_000), ZoneOffset.UTC);

    @AfterEach
    void stop() {
        kafka.shutdownNow();
    }

    static final org.apache.avro.generic.GenericRecord KEY = new org.apache.avro.generic.GenericData.Record(
            org.apache.avro.SchemaBuilder.record("Key").fields().requiredInt("id").endRecord());

    /** Records are plain strings: "c:1" is a change at LSN 1, "hb:5" a heartbeat, "ts:2" a tombstone. */
    static AvroChange convert(String record) {
        String[] parts = record.split(":");
        long lsn = Long.parseLong(parts[1]);
        return switch (parts[0]) {
            case "hb" -> new AvroChange("__debezium-heartbeat.tributary", null, ChangeKind.HEARTBEAT, null, null, null, lsn, null);
            case "sig" -> new AvroChange("tributary.tributary_cdc.debezium_signal", "tributary_cdc.debezium_signal",
                    ChangeKind.SIGNAL, null, null, null, lsn, null);
            case "ts" -> new AvroChange("tributary.shop.t", "shop.t", ChangeKind.TOMBSTONE, null, null, null, lsn, null);
            default -> new AvroChange("tributary.shop.t", "shop.t", ChangeKind.CHANGE, parts[0], KEY, null, lsn, 4_000L);
        };
    }

    /** A sink that acknowledges after a delay, in reverse order of sending, and logs each acknowledgement. */
    final class SlowSink implements ChangeSink {
        final List<AvroChange> sent = new ArrayList<>();
        private final String failOn;

        SlowSink(String failOn) {
            this.failOn = failOn;
        }

        @Override
        public CompletableFuture<Void> send(AvroChange change) {
            sent.add(change);
            CompletableFuture<Void> ack = new CompletableFuture<>();
            long delay = 200 - 20L * sent.size();
            kafka.schedule(() -> {
                events.add("ack " + change.lsn());
                if (String.valueOf(change.lsn()).equals(failOn)) {
                    ack.completeExceptionally(new NotEnoughReplicasException("broker down"));
                } else {
                    ack.complete(null);
                }
            }, delay, TimeUnit.MILLISECONDS);
            return ack;
        }

        @Override
        public void close() {
        }
    }

    final class RecordingCommitter implements DebeziumEngine.RecordCommitter<String> {
        @Override
        public void markProcessed(String record) {
            events.add("processed " + record);
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

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    /** Strings as engine records: "c:1" a change of shop.t at LSN 1, "hb:5" a heartbeat, "ts:2" a tombstone. */
    static EngineRecords<String> strings(java.util.function.Function<String, AvroChange> converter) {
        return new EngineRecords<>() {
            @Override
            public io.tributary.cdc.avro.RecordOrigin origin(String record) {
                AvroChange c = ChangeBatchHandlerTest.convert(record);
                return new io.tributary.cdc.avro.RecordOrigin(c.topic(), c.table(), c.kind(), c.op(), c.lsn(), c.key() != null);
            }

            @Override
            public AvroChange convert(String record) {
                return converter.apply(record);
            }

            @Override
            public io.tributary.cdc.parking.ParkedChange parked(String record, io.tributary.cdc.avro.RecordOrigin origin) {
                return new io.tributary.cdc.parking.ParkedChange(origin.table(), origin.kind(), origin.op(), origin.lsn(),
                        record.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        };
    }

    io.tributary.cdc.parking.TableParking noParkingExpected() {
        return new io.tributary.cdc.parking.TableParking(
                io.tributary.cdc.parking.ParkedTables.load(dir.resolve("parked-tables.json"), metrics),
                (table, change) -> {
                    throw new AssertionError("nothing should be parked: " + change);
                }, new io.tributary.cdc.parking.ParkingTopics("tributary"), clock);
    }

    ChangeBatchHandler<String> handler(java.util.function.Function<String, AvroChange> converter, ChangeSink sink,
                                       Duration ackTimeout, boolean tombstones, Runnable afterCommit) {
        return new ChangeBatchHandler<>(strings(converter), sink, noParkingExpected(), metrics, ackTimeout, clock, tombstones,
                afterCommit, new java.util.concurrent.locks.ReentrantLock());
    }

    ChangeBatchHandler<String> handler(java.util.function.Function<String, AvroChange> converter, ChangeSink sink,
                                       Duration ackTimeout, boolean tombstones) {
        return handler(converter, sink, ackTimeout, tombstones, () -> { });
    }

    @Test
    void marksRecordsOnlyAfterEveryAcknowledgementInRecordOrder() throws Exception {
        SlowSink sink = new SlowSink(null);
        ChangeBatchHandler<String> handler = handler(ChangeBatchHandlerTest::convert, sink, Duration.ofSeconds(5), true);

        handler.handleBatch(List.of("c:1", "u:2", "d:3", "ts:3", "hb:4"), new RecordingCommitter());

        assertThat(sink.sent).extracting(AvroChange::lsn).containsExactly(1L, 2L, 3L, 3L);
        assertThat(events).hasSize(4 + 5 + 1);
        assertThat(events.subList(0, 4)).allMatch(e -> e.startsWith("ack "));
        assertThat(events.subList(4, 10)).containsExactly("processed c:1", "processed u:2", "processed d:3",
                "processed ts:3", "processed hb:4", "batch finished");
        assertThat(metrics.lastLsn()).isEqualTo(4L);
        assertThat(metrics.tombstones()).isEqualTo(1);
        assertThat(metrics.heartbeats()).isEqualTo(1);
        assertThat(metrics.lastLagMs()).isEqualTo(6_000L);
        assertThat(metrics.batches()).isEqualTo(1);
    }

    @Test
    void signalTableRowsAreMarkedProcessedButNeverSent() throws Exception {
        SlowSink sink = new SlowSink(null);
        ChangeBatchHandler<String> handler = handler(ChangeBatchHandlerTest::convert, sink, Duration.ofSeconds(5), true);

        handler.handleBatch(List.of("sig:1", "r:2", "sig:3"), new RecordingCommitter());

        assertThat(sink.sent).extracting(AvroChange::lsn).containsExactly(2L);
        assertThat(events).contains("processed sig:1", "processed r:2", "processed sig:3", "batch finished");
        assertThat(metrics.eventCounts()).hasSize(1);
        assertThat(metrics.heartbeats()).isZero();
    }

    @Test
    void aBatchEndingWithADeleteLeavesItsOffsetToTheTombstoneOfTheNextBatch() throws Exception {
        ChangeBatchHandler<String> handler = handler(ChangeBatchHandlerTest::convert, new SlowSink(null),
 Duration.ofSeconds(5), true);
        handler.handleBatch(List.of("c:1", "d:2"), new RecordingCommitter());
        handler.handleBatch(List.of("ts:2", "c:3"), new RecordingCommitter());
        assertThat(events.stream().filter(e -> !e.startsWith("ack")).toList()).containsExactly(
                "processed c:1", "batch finished", "processed ts:2", "processed c:3", "batch finished");
        assertThat(metrics.eventCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3L);

        events.clear();
        ChangeBatchHandler<String> noTombstones = handler(ChangeBatchHandlerTest::convert, new SlowSink(null),
 Duration.ofSeconds(5), false);
        noTombstones.handleBatch(List.of("c:4", "d:5"), new RecordingCommitter());
        assertThat(events.stream().filter(e -> !e.startsWith("ack")).toList())
                .containsExactly("processed c:4", "processed d:5", "batch finished");
    }

    @Test
    void aFailedAcknowledgementStopsTheBatchWithNothingMarked() {
        SlowSink sink = new SlowSink("2");
        ChangeBatchHandler<String> handler = handler(ChangeBatchHandlerTest::convert, sink, Duration.ofSeconds(5), true);

        assertThatThrownBy(() -> handler.handleBatch(List.of("c:1", "u:2", "c:3"), new RecordingCommitter()))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("shop.t at LSN 2")
                .hasMessageContaining("broker down")
                .hasMessageContaining("resumes from the last committed offset");
        assertThat(events).noneMatch(e -> e.startsWith("processed") || e.equals("batch finished"));
        assertThat(metrics.batches()).isZero();
    }

    @Test
    void anImmediatelyFailedSendStopsSendingTheRestOfTheBatch() {
        List<AvroChange> sent = new ArrayList<>();
        ChangeSink down = new ChangeSink() {
            @Override
            public CompletableFuture<Void> send(AvroChange change) {
                sent.add(change);
                return CompletableFuture.failedFuture(new org.apache.kafka.common.errors.TimeoutException("metadata"));
            }

            @Override
            public void close() {
            }
        };
        ChangeBatchHandler<String> handler = handler(ChangeBatchHandlerTest::convert, down, Duration.ofSeconds(5), true);
        assertThatThrownBy(() -> handler.handleBatch(List.of("c:1", "c:2", "c:3"), new RecordingCommitter()))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("LSN 1");
        assertThat(sent).hasSize(1);
        assertThat(events).isEmpty();
    }

    @Test
    void aMissingAcknowledgementTimesOutWithNothingMarked() {
        ChangeSink silent = new ChangeSink() {
            @Override
            public CompletableFuture<Void> send(AvroChange change) {
                return new CompletableFuture<>();
            }

            @Override
            public void close() {
            }
        };
        ChangeBatchHandler<String> handler = handler(ChangeBatchHandlerTest::convert, silent, Duration.ofMillis(100), true);
        assertThatThrownBy(() -> handler.handleBatch(List.of("c:1"), new RecordingCommitter()))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("No acknowledgement from Kafka within");
        assertThat(events).isEmpty();
    }

    @Test
    void aFailedOffsetWriteStopsTheEngineAfterTheBatchIsFinished() {
        ChangeBatchHandler<String> handler = handler(ChangeBatchHandlerTest::convert, new SlowSink(null),
 Duration.ofSeconds(5), true, () -> {
                    throw new io.tributary.cdc.offsets.OffsetsNotWrittenException("Cannot write the offsets file x: no space left", null);
                });
        assertThatThrownBy(() -> handler.handleBatch(List.of("c:1"), new RecordingCommitter()))
                .hasMessageContaining("no space left");
        assertThat(events.stream().filter(e -> !e.startsWith("ack")).toList()).containsExactly("processed c:1", "batch finished");
        assertThat(metrics.batches()).as("not counted as committed").isZero();
    }
}
