package io.tributary.cdc.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;

import io.debezium.engine.DebeziumEngine;
import io.tributary.cdc.avro.AvroChange;
import io.tributary.cdc.avro.ChangeKind;
import io.tributary.cdc.avro.RecordOrigin;
import io.tributary.cdc.monitor.CdcMetrics;
import io.tributary.cdc.parking.FailureClassifier;
import io.tributary.cdc.parking.ParkedTable;
import io.tributary.cdc.parking.TableFailure;
import io.tributary.cdc.parking.TableParking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium's batch callback: converts every record, sends the whole batch asynchronously, waits for EVERY
 * acknowledgement in order, and only then marks the records processed and the batch finished. Committed offsets
 * (and the slot's confirmed LSN) therefore never run ahead of what Kafka holds. An infrastructure failure (Kafka,
 * registry unreachable, ...) propagates and stops the engine; nothing of the failed batch is acknowledged, so a
 * restart replays it (at-least-once).
 *
 * <p>A failure that belongs to one table (its schema refused by the registry, a value that cannot be encoded, an
 * unexpected conversion error: see {@link FailureClassifier}) parks that table: this change and every later change
 * of the table go, in order, to its parking topic; every other table keeps flowing in the same batch and after.
 * Parked changes are acknowledged by Kafka like the others, and the parked-tables file is written before the batch's
 * offsets are committed.
 *
 * <p>A delete and its tombstone share one source offset. When a batch ends with a delete whose tombstone is still
 * to come, the delete is not marked processed: otherwise a crash between the two batches would resume after the
 * delete and the tombstone would never be written. The next batch's tombstone commits the same offset.
 *
 * <p>After the batch is finished (Debezium has flushed the offsets), {@code afterCommit} runs: it throws when the
 * offsets could not be written, which stops the engine (Debezium itself would only log it and stream on).
 *
 * <p>The batch runs under {@code pipelineLock}, which a resume of a parked table takes to replay its parked changes
 * with no batch in flight.
 *
 * @param <R> the engine's record type (RecordChangeEvent of SourceRecord in production)
 */
public final class ChangeBatchHandler<R> implements DebeziumEngine.ChangeConsumer<R> {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeBatchHandler.class);

    private final EngineRecords<R> records;
    private final ChangeSink sink;
    private final TableParking parking;
    private final CdcMetrics metrics;
    private final Duration ackTimeout;
    private final Clock clock;
    private final boolean tombstonesFollowDeletes;
    private final Runnable afterCommit;
    private final Lock pipelineLock;

    public ChangeBatchHandler(EngineRecords<R> records, ChangeSink sink, TableParking parking, CdcMetrics metrics,
                              Duration ackTimeout, Clock clock, boolean tombstonesFollowDeletes, Runnable afterCommit,
                              Lock pipelineLock) {
        this.records = records;
        this.sink = sink;
        this.parking = parking;
        this.metrics = metrics;
        this.ackTimeout = ackTimeout;
        this.clock = clock;
        this.tombstonesFollowDeletes = tombstonesFollowDeletes;
        this.afterCommit = afterCommit;
        this.pipelineLock = pipelineLock;
    }

    /** Where one record of the batch went. */
    private record Sent(RecordOrigin origin, AvroChange change, ParkedTable parkedIn, CompletableFuture<Void> ack) {
    }

    @Override
    public void handleBatch(List<R> batch, DebeziumEngine.RecordCommitter<R> committer) throws InterruptedException {
        pipelineLock.lockInterruptibly();
        try {
            handle(batch, committer);
        } finally {
            pipelineLock.unlock();
        }
    }

    private void handle(List<R> batch, DebeziumEngine.RecordCommitter<R> committer) throws InterruptedException {
        List<Sent> sent = new ArrayList<>(batch.size());
        for (R record : batch) {
            Sent s = send(record);
            sent.add(s);
            if (s.ack().isCompletedExceptionally()) {
                // Kafka is unreachable (each further send would block for max.block.ms): fail the batch now
                break;
            }
        }
        for (Sent s : sent) {
            await(s);
        }
        // a table parked in this batch is parked durably before the offsets move past its first parked change
        parking.persistIfChanged();
        long now = clock.millis();
        for (int i = 0; i < batch.size(); i++) {
            Sent s = sent.get(i);
            RecordOrigin origin = s.origin();
            if (s.parkedIn() != null) {
                metrics.changeParked(origin.table(), origin.lsn());
            } else {
                AvroChange change = s.change();
                switch (change.kind()) {
                    case CHANGE -> {
                        metrics.changeDelivered(change.table(), change.op(), change.lsn(), change.sourceTsMs(), now);
                        metrics.toast(change.toastFilled(), change.toastUnavailable());
                    }
                    case TOMBSTONE -> metrics.tombstoneDelivered();
                    case HEARTBEAT -> metrics.heartbeat(change.lsn());
                    case SIGNAL -> LOG.debug("Signal table row at LSN {} (acted on by Debezium, not sent)", change.lsn());
                }
            }
            boolean lastIsDeleteAwaitingTombstone = i == batch.size() - 1 && tombstonesFollowDeletes
                    && origin.kind() == ChangeKind.CHANGE && "d".equals(origin.op()) && origin.hasKey();
            if (lastIsDeleteAwaitingTombstone) {
                LOG.trace("Batch ends with the delete at LSN {}: its offset is committed with its tombstone", origin.lsn());
            } else {
                committer.markProcessed(batch.get(i));
            }
        }
        committer.markBatchFinished();
        afterCommit.run();
        metrics.batchCommitted();
    }

    /** Sends one record to its table's topic, or to the parking topic if the table is (or becomes) parked. */
    private Sent send(R record) {
        RecordOrigin origin = records.origin(record);
        ParkedTable parked = parking.parked(origin.table());
        if (parked == null) {
            AvroChange change;
            try {
                change = records.convert(record);
            } catch (RuntimeException e) {
                parked = parkOrRethrow(e, FailureClassifier.Stage.CONVERT, origin);
                return park(record, origin, parked);
            }
            if (change.kind() == ChangeKind.HEARTBEAT || change.kind() == ChangeKind.SIGNAL) {
                return new Sent(origin, change, null, CompletableFuture.completedFuture(null));
            }
            try {
                LOG.trace("Sending {} op={} lsn={} to {}", change.kind(), change.op(), change.lsn(), change.topic());
                return new Sent(origin, change, null, sink.send(change));
            } catch (RuntimeException e) {
                parked = parkOrRethrow(e, FailureClassifier.Stage.SEND, origin);
            }
        }
        return park(record, origin, parked);
    }

    private ParkedTable parkOrRethrow(RuntimeException e, FailureClassifier.Stage stage, RecordOrigin origin) {
        Optional<TableFailure> failure = FailureClassifier.classify(e, stage, origin);
        if (failure.isEmpty()) {
            throw e;
        }
        return parking.park(failure.get());
    }

    private Sent park(R record, RecordOrigin origin, ParkedTable parked) {
        LOG.trace("Parking {} op={} lsn={} in {}", origin.kind(), origin.op(), origin.lsn(), parked.parkingTopic());
        io.tributary.cdc.parking.ParkedChange form;
        try {
            form = records.parked(record, origin);
        } catch (RuntimeException e) {
            throw new EngineStopException("Cannot write the parked form of the change of " + origin.describe()
                    + " (table parked: " + parked.reason() + "): " + e + ". The engine stops rather than skip the change; "
                    + "nothing of this batch was acknowledged. Report this with the log.", e);
        }
        return new Sent(origin, null, parked, parking.send(parked, form));
    }

    private void await(Sent s) throws InterruptedException {
        RecordOrigin origin = s.origin();
        String what = s.parkedIn() == null
                ? "the change of " + origin.table() + " at LSN " + origin.lsn() + " (topic " + origin.topic() + ")"
                : "the parked change of " + origin.table() + " at LSN " + origin.lsn() + " (topic "
                        + s.parkedIn().parkingTopic() + ")";
        try {
            s.ack().get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new DeliveryException("Kafka did not acknowledge " + what + ": " + e.getCause().getMessage()
                    + ". Nothing of this batch was acknowledged to PostgreSQL; restart the engine when Kafka is "
                    + "healthy and it resumes from the last committed offset.", e.getCause());
        } catch (TimeoutException e) {
            throw new DeliveryException("No acknowledgement from Kafka within " + ackTimeout + " for " + what
                    + "; check that Kafka is reachable.", e);
        }
    }

    @Override
    public boolean supportsTombstoneEvents() {
        return true;
    }
}
