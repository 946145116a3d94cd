package io.tributary.simulator.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection running events for its share of the customers: plan, run in a transaction with bounded retries,
 * account; {@link WorkerLoop} repeats that, paced to {@code rate / workers}. Worker 0 also applies the scheduled
 * schema changes.
 */
final class Worker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** After a schema change gave up waiting for its lock, the shop runs on this long before it tries again. */
    static final Duration SCHEMA_LOCK_RETRY = Duration.ofSeconds(5);

    private final int index;
    private final RunSettings settings;
    private final ShopTables tables;
    private final RunStats stats;
    private final ShopState state;
    private final SharedSchema schema;
    private final TransitionAudit audit;
    private final RunControl control;
    private final WorkerConnection connection;
    private final ActionPlanner planner;
    private final boolean evolves;
    private final SchemaChangeSchedule schedule;
    private int stepsDone;
    private long nextSchemaAttemptNanos;

    Worker(int index, BusinessSimulator.ConnectionSource connections, RunSettings settings, ShopTables tables,
           RunStats stats, ShopState state, SharedSchema schema, TransitionAudit audit, RunControl control,
           Connection connection) {
        this.connection = new WorkerConnection(index, connections, settings.retry(), stats, connection);
        this.index = index;
        this.settings = settings;
        this.tables = tables;
        this.stats = stats;
        this.state = state;
        this.schema = schema;
        this.audit = audit;
        this.control = control;
        this.planner = new ActionPlanner(seedFor(settings.seed(), index), settings.mix(), schema);
        this.evolves = index == 0 && settings.schemaChanges();
        this.schedule = new SchemaChangeSchedule(SchemaEvolution.STEPS.size(), settings.duration(),
                settings.maxChanges(), Duration.ofMinutes(1));
    }

    /** Worker 0 uses the seed itself, so one worker gives exactly the single-threaded sequence. */
    static long seedFor(long seed, int index) {
        return seed + index * 0x9E3779B97F4A7C15L;
    }

    @Override
    public void run() {
        WorkerLoop.run(index, settings, stats, control, connection, this::nextTransaction);
    }

    /** A due schema change (not paced), else one transaction of events; returns the row changes committed. */
    private long nextTransaction() {
        if (evolves && stepsDone < schedule.due(control.elapsed(), stats.changes())
                && System.nanoTime() >= nextSchemaAttemptNanos) {
            if (applySchemaStep(SchemaEvolution.STEPS.get(stepsDone))) {
                stepsDone++;
            } else {
                nextSchemaAttemptNanos = System.nanoTime() + SCHEMA_LOCK_RETRY.toNanos();
            }
            return WorkerLoop.NOT_PACED;
        }
        List<ShopAction> actions = new ArrayList<>(settings.eventsPerTransaction());
        List<Effects> effects;
        schema.lock.readLock().lock();
        try {
            planner.startTransaction();
            for (int i = 0; i < settings.eventsPerTransaction(); i++) {
                actions.add(planner.next(state));
            }
            effects = executeWithRetry(actions);
        } finally {
            schema.lock.readLock().unlock();
        }
        stats.transactionCommitted();
        long changes = 0;
        for (int i = 0; i < actions.size(); i++) {
            Effects e = effects.get(i);
            LOG.trace("Worker {} committed {}: {}", index, actions.get(i), e.rows());
            e.applyTo(state);
            stats.committed(actions.get(i).kind(), e.rows());
            for (int k = 0; k < e.outOfStockCount(); k++) {
                stats.outOfStock();
            }
            if (audit != null) {
                audit.record(e.transitions());
            }
            changes += e.changes();
        }
        return changes;
    }

    /** Runs the events in one transaction; a retry repeats all of them (they were decided up front). */
    private List<Effects> executeWithRetry(List<ShopAction> actions) {
        return connection.commitWithRetry("connect", (c, doing) -> {
            doing.accept("locking the products of " + actions.size() + " events");
            ProductLocks.acquire(c, tables, actions);
            List<Effects> effects = new ArrayList<>(actions.size());
            for (ShopAction action : actions) {
                doing.accept(action.kind().key() + " " + action);
                Effects e = new Effects();
                action.execute(c, tables, e);
                effects.add(e);
            }
            return effects;
        });
    }

    /**
     * Applies a schema change; false when it could not get its table lock in time (a long reader such as a
     * CDC snapshot holds it): the shop then goes on and the step is tried again later, never given up.
     */
    private boolean applySchemaStep(SchemaEvolution.Step step) {
        schema.lock.writeLock().lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    Connection c = connection.get();
                    boolean changed = step.apply(c, tables);
                    c.commit();
                    step.committed(schema);
                    if (changed) {
                        stats.schemaChanged();
                    }
                    LOG.info("Schema change {}: {}", changed ? "applied" : "skipped", step.description());
                    return true;
                } catch (SQLException e) {
                    if (SchemaEvolution.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                        connection.rollbackQuietly();
                        stats.schemaChangeWaited();
                        LOG.info("Schema change waits: {} did not get its lock within {} (a long transaction or"
                                + " snapshot reads the table); the shop goes on, next try in {} s", step.description(),
                                SchemaEvolution.LOCK_TIMEOUT, SCHEMA_LOCK_RETRY.toSeconds());
                        return false;
                    }
                    connection.failed(e, attempt, "schema change " + step.description());
                }
            }
        } finally {
            schema.lock.writeLock().unlock();
        }
    }
}
