package io.tributary.simulator.run;

import java.sql.Connection;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of {@code run --mode bulk}: plan a batch of {@code --batch-size} row changes on the worker's own
 * keys, write it as multi-row statements in one transaction (a retry repeats the same batch), count what was
 * committed; {@link WorkerLoop} repeats that, paced to {@code rate / workers} (or not at all with {@code --rate max}).
 */
final class BulkWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(BulkWorker.class);

    private final int index;
    private final RunSettings settings;
    private final RunStats stats;
    private final ShopState state;
    private final RunControl control;
    private final WorkerConnection connection;
    private final BulkTransaction transaction;
    private final BulkPlanner planner;

    BulkWorker(int index, BusinessSimulator.ConnectionSource connections, RunSettings settings, ShopTables tables,
               RunStats stats, ShopState state, RunControl control, Connection connection) {
        this.index = index;
        this.settings = settings;
        this.stats = stats;
        this.state = state;
        this.control = control;
        this.connection = new WorkerConnection(index, connections, settings.retry(), stats, connection);
        this.transaction = new BulkTransaction(tables);
        this.planner = new BulkPlanner(Worker.seedFor(settings.seed(), index));
    }

    @Override
    public void run() {
        WorkerLoop.run(index, settings, stats, control, connection, this::nextBatch);
    }

    /** Plans, writes and counts one batch; returns the row changes written. */
    private long nextBatch() {
        BulkBatch batch = planner.plan(state, settings.batchSize());
        Map<ChangeKind, Effects> effects = connection.commitWithRetry("a bulk batch of " + batch.plannedChanges()
                + " row changes", (c, doing) -> transaction.execute(c, batch));
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
        return changes;
    }
}
