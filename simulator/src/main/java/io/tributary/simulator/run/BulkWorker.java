package io.tributary.simulator.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of {@code run --mode bulk}: plan a batch of {@code --batch-size} row changes on the worker's own
 * keys, write it as multi-row statements in one transaction (a retry repeats the same batch), count what was
 * committed, pace to {@code rate / workers} (or not at all with {@code --rate max}).
 */
final class BulkWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(BulkWorker.class);
    private static final long MAX_BACKLOG_NANOS = Duration.ofSeconds(1).toNanos();

    private final int index;
    private final RunSettings settings;
    private final RunStats stats;
    private final ShopState state;
    private final RunControl control;
    private final WorkerConnection connection;
    private final BulkTransaction transaction;

    BulkWorker(int index, BusinessSimulator.ConnectionSource connections, RunSettings settings, ShopTables tables,
               RunStats stats, ShopState state, RunControl control, Connection connection) {
        this.index = index;
        this.settings = settings;
        this.stats = stats;
        this.state = state;
        this.control = control;
        this.connection = new WorkerConnection(index, connections, settings.retry(), stats, connection);
        this.transaction = new BulkTransaction(tables);
    }

    @Override
    public void run() {
        BulkPlanner planner = new BulkPlanner(Worker.seedFor(settings.seed(), index));
        RatePacer pacer = settings.unpaced() ? null
                : new RatePacer(settings.rate() / settings.workers(), control.startNanos(), MAX_BACKLOG_NANOS);
        try {
            while (!control.finished(stats)) {
                BulkBatch batch = planner.plan(state, settings.batchSize());
                Map<ChangeKind, Effects> effects = executeWithRetry(batch);
                stats.transactionCommitted();
                long changes = 0;
                for (Map.Entry<ChangeKind, Effects> e : effects.entrySet()) {
                    Effects effect = e.getValue();
                    effect.applyTo(state);
                    // in bulk mode every row is one business event (an order placed, a status step, a sign-up...)
                    stats.committed(e.getKey(), effect.changes(), effect.rows());
                    changes += effect.changes();
                }
                if (changes != batch.plannedChanges()) {
                    LOG.debug("Worker {}: {} row changes planned, {} written (rows changed by someone else)", index,
                            batch.plannedChanges(), changes);
                }
                if (pacer != null) {
                    sleep(pacer.record(changes, System.nanoTime()));
                }
            }
        } catch (RuntimeException e) {
            control.fail(e);
        } catch (Error e) {
            control.fail(new SimulationFailedException("worker " + index + " died: " + e, e));
            throw e;
        } finally {
            connection.close();
        }
    }

    private Map<ChangeKind, Effects> executeWithRetry(BulkBatch batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                Connection c = connection.get();
                Map<ChangeKind, Effects> effects = transaction.execute(c, batch);
                c.commit();
                return effects;
            } catch (SQLException e) {
                connection.failed(e, attempt, "a bulk batch of " + batch.plannedChanges() + " row changes");
            }
        }
    }

    private void sleep(long nanos) {
        long until = System.nanoTime() + nanos;
        long left;
        while (!control.stopRequested() && (left = until - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, 100_000_000L));
        }
    }
}
