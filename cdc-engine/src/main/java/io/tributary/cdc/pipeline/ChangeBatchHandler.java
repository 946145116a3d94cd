package io.tributary.cdc.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.debezium.engine.DebeziumEngine;
import io.tributary.cdc.avro.AvroChange;
import io.tributary.cdc.avro.ChangeKind;
import io.tributary.cdc.monitor.CdcMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium's batch callback: converts every record, sends the whole batch asynchronously, waits for EVERY
 * acknowledgement in order, and only then marks the records processed and the batch finished. Committed offsets
 * (and the slot's confirmed LSN) therefore never run ahead of what Kafka holds. Any failure propagates and stops
 * the engine; nothing of the failed batch is acknowledged, so a restart replays it (at-least-once).
 *
 * <p>A delete and its tombstone share one source offset. When a batch ends with a delete whose tombstone is still
 * to come, the delete is not marked processed: otherwise a crash between the two batches would resume after the
 * delete and the tombstone would never be written. The next batch's tombstone commits the same offset.
 *
 * <p>After the batch is finished (Debezium has flushed the offsets), {@code afterCommit} runs: it throws when the
 * offsets could not be written, which stops the engine (Debezium itself would only log it and stream on).
 *
 * @param <R> the engine's record type (RecordChangeEvent of SourceRecord in production)
 */
public final class ChangeBatchHandler<R> implements DebeziumEngine.ChangeConsumer<R> {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeBatchHandler.class);

    private final Function<R, AvroChange> converter;
    private final ChangeSink sink;
    private final CdcMetrics metrics;
    private final Duration ackTimeout;
    private final Clock clock;
    private final boolean tombstonesFollowDeletes;
    private final Runnable afterCommit;

    public ChangeBatchHandler(Function<R, AvroChange> converter, ChangeSink sink, CdcMetrics metrics, Duration ackTimeout,
                              Clock clock, boolean tombstonesFollowDeletes) {
        this(converter, sink, metrics, ackTimeout, clock, tombstonesFollowDeletes, () -> { });
    }

    public ChangeBatchHandler(Function<R, AvroChange> converter, ChangeSink sink, CdcMetrics metrics, Duration ackTimeout,
                              Clock clock, boolean tombstonesFollowDeletes, Runnable afterCommit) {
        this.afterCommit = afterCommit;
        this.tombstonesFollowDeletes = tombstonesFollowDeletes;
        this.converter = converter;
        this.sink = sink;
        this.metrics = metrics;
        this.ackTimeout = ackTimeout;
        this.clock = clock;
    }

    @Override
    public void handleBatch(List<R> records, DebeziumEngine.RecordCommitter<R> committer) throws InterruptedException {
        List<AvroChange> changes = new ArrayList<>(records.size());
        List<CompletableFuture<Void>> acks = new ArrayList<>(records.size());
        for (R record : records) {
            AvroChange change = converter.apply(record);
            changes.add(change);
            if (change.kind() == ChangeKind.HEARTBEAT) {
                acks.add(CompletableFuture.completedFuture(null));
            } else {
                LOG.trace("Sending {} op={} lsn={} to {}", change.kind(), change.op(), change.lsn(), change.topic());
                CompletableFuture<Void> ack = sink.send(change);
                acks.add(ack);
                if (ack.isCompletedExceptionally()) {
                    // Kafka is unreachable (each further send would block for max.block.ms): fail the batch now
                    break;
                }
            }
        }
        for (int i = 0; i < acks.size(); i++) {
            AvroChange change = changes.get(i);
            try {
                acks.get(i).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new DeliveryException("Kafka did not acknowledge the change of " + change.table() + " at LSN "
                        + change.lsn() + " (topic " + change.topic() + "): " + e.getCause().getMessage()
                        + ". Nothing of this batch was acknowledged to PostgreSQL; restart the engine when Kafka is "
                        + "healthy and it resumes from the last committed offset.", e.getCause());
            } catch (TimeoutException e) {
                throw new DeliveryException("No acknowledgement from Kafka within " + ackTimeout + " for the change of "
                        + change.table() + " at LSN " + change.lsn() + "; check that Kafka is reachable.", e);
            }
        }
        long now = clock.millis();
        for (int i = 0; i < records.size(); i++) {
            AvroChange change = changes.get(i);
            switch (change.kind()) {
                case CHANGE -> {
                    metrics.changeDelivered(change.table(), change.op(), change.lsn(), change.sourceTsMs(), now);
                    metrics.toast(change.toastFilled(), change.toastUnavailable());
                }
                case TOMBSTONE -> metrics.tombstoneDelivered();
                case HEARTBEAT -> metrics.heartbeat(change.lsn());
            }
            boolean lastIsDeleteAwaitingTombstone = i == records.size() - 1 && tombstonesFollowDeletes
                    && change.kind() == ChangeKind.CHANGE && "d".equals(change.op()) && change.key() != null;
            if (lastIsDeleteAwaitingTombstone) {
                LOG.trace("Batch ends with the delete at LSN {}: its offset is committed with its tombstone", change.lsn());
            } else {
                committer.markProcessed(records.get(i));
            }
        }
        committer.markBatchFinished();
        afterCommit.run();
        metrics.batchCommitted();
    }

    @Override
    public boolean supportsTombstoneEvents() {
        return true;
    }
}
