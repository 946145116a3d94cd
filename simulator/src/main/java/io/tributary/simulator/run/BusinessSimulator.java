package io.tributary.simulator.run;

import io.tributary.simulator.db.SqlErrors;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the shop: picks events ({@link ActionPlanner}), runs each in its own transaction with bounded
 * retries, paces row changes to the target rate ({@link RatePacer}), applies scheduled schema changes,
 * and reports progress. One connection, one thread: the order of events, and so a seeded run, is
 * repeatable.
 */
public final class BusinessSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(BusinessSimulator.class);
    private static final long MAX_BACKLOG_NANOS = Duration.ofSeconds(1).toNanos();

    /** Opens a new connection (the first one, and again after a connection loss). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource connections;
    private final RunSettings settings;
    private final ShopTables tables;
    private final RunStats stats = new RunStats(List.of(ShopTables.CUSTOMERS, ShopTables.PRODUCTS, ShopTables.ORDERS));
    private volatile boolean stopRequested;
    private volatile int metricsPort = -1;
    private Connection connection;

    public BusinessSimulator(ConnectionSource connections, RunSettings settings) {
        this.connections = connections;
        this.settings = settings;
        this.tables = new ShopTables(settings.schema());
    }

    /** Asks a running {@link #run()} to finish its current transaction and return. */
    public void requestStop() {
        stopRequested = true;
    }

    public RunStats stats() {
        return stats;
    }

    /** The port /metrics listens on once started (useful with an ephemeral port), or -1. */
    public int metricsPort() {
        return metricsPort;
    }

    /** Runs until the duration or change budget is reached or a stop is requested; returns the summary. */
    public Map<String, Object> run() throws SQLException, IOException {
        connection = connections.open();
        connection.setAutoCommit(false);
        tables.verify(connection);
        ShopState state = ShopState.load(connection, tables);
        state.marketingOptIn = tables.columns(connection, ShopTables.CUSTOMERS).contains("marketing_opt_in");
        connection.commit();
        LOG.info("Shop state: {} customers, {} products, {} open orders; seed {}, target {} changes/s, mix {}",
                state.customers.size(), state.products.size(), state.openOrderCount(), settings.seed(),
                settings.rate(), settings.mix());

        ActionPlanner planner = new ActionPlanner(settings.seed(), settings.mix());
        SchemaChangeSchedule schedule = new SchemaChangeSchedule(SchemaEvolution.STEPS.size(), settings.duration(),
                settings.maxChanges(), Duration.ofMinutes(1));
        int schemaStepsDone = 0;

        MetricsServer metrics = null;
        TransitionAudit audit = settings.auditFile() == null ? null : TransitionAudit.open(settings.auditFile());
        long start = System.nanoTime();
        stats.started(System.currentTimeMillis());
        RatePacer pacer = new RatePacer(settings.rate(), start, MAX_BACKLOG_NANOS);
        long progressEvery = settings.progressInterval().toNanos();
        long nextProgress = start + progressEvery;
        long changesAtLastProgress = 0;
        long lastProgressNanos = start;
        try {
            if (settings.metricsPort() > 0) {
                metrics = MetricsServer.start(settings.metricsPort(), () -> stats.prometheus(settings.rate()));
                metricsPort = metrics.port();
            }
            while (!stopRequested) {
                long now = System.nanoTime();
                Duration elapsed = Duration.ofNanos(now - start);
                if (settings.duration() != null && elapsed.compareTo(settings.duration()) >= 0
                        || settings.maxChanges() > 0 && stats.changes() >= settings.maxChanges()) {
                    break;
                }
                if (settings.schemaChanges() && schemaStepsDone < schedule.due(elapsed, stats.changes())) {
                    applySchemaStep(SchemaEvolution.STEPS.get(schemaStepsDone), state);
                    schemaStepsDone++;
                    continue;
                }
                ShopAction action = planner.next(state);
                Effects effects = executeWithRetry(action);
                effects.applyTo(state);
                stats.committed(action.kind(), effects.rows());
                for (int i = 0; i < effects.outOfStockCount(); i++) {
                    stats.outOfStock();
                }
                if (audit != null) {
                    audit.record(effects.transitions());
                }
                now = System.nanoTime();
                if (now >= nextProgress) {
                    long changes = stats.changes();
                    double rate = (changes - changesAtLastProgress) / ((now - lastProgressNanos) / 1e9);
                    LOG.info("progress: {} changes/s over the last {} s; {} changes in {} transactions; {}",
                            String.format(Locale.ROOT, "%.1f", rate),
                            String.format(Locale.ROOT, "%.1f", (now - lastProgressNanos) / 1e9),
                            changes, stats.transactions(), stats.changesByKindLine());
                    changesAtLastProgress = changes;
                    lastProgressNanos = now;
                    nextProgress = now + progressEvery;
                }
                sleep(pacer.record(effects.changes(), now));
            }
        } finally {
            if (metrics != null) {
                metrics.close();
            }
            if (audit != null) {
                audit.close();
            }
            closeQuietly();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> summary = stats.summary(settings.rate(), seconds, settings.seed());
        LOG.info("Run finished: {} changes in {} s ({} changes/s), {} transactions, {} retries, {} schema changes",
                stats.changes(), String.format(Locale.ROOT, "%.1f", seconds), summary.get("achievedRate"),
                stats.transactions(), stats.retries(), stats.schemaChanges());
        return summary;
    }

    private void sleep(long nanos) {
        long until = System.nanoTime() + nanos;
        long left;
        while (!stopRequested && (left = until - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, 100_000_000L));
        }
    }

    private Effects executeWithRetry(ShopAction action) {
        for (int attempt = 1; ; attempt++) {
            Effects effects = new Effects();
            try {
                ensureConnection();
                action.execute(connection, tables, effects);
                connection.commit();
                return effects;
            } catch (SQLException e) {
                handleFailure(e, attempt, action.kind().key() + " " + action);
            }
        }
    }

    private void applySchemaStep(SchemaEvolution.Step step, ShopState state) {
        for (int attempt = 1; ; attempt++) {
            try {
                ensureConnection();
                boolean changed = step.apply(connection, tables);
                connection.commit();
                step.committed(state);
                if (changed) {
                    stats.schemaChanged();
                }
                LOG.info("Schema change {}: {}", changed ? "applied" : "skipped", step.description());
                return;
            } catch (SQLException e) {
                handleFailure(e, attempt, "schema change " + step.description());
            }
        }
    }

    /** Rolls back, then either waits before a retry or throws a {@link SimulationFailedException}. */
    private void handleFailure(SQLException e, int attempt, String what) {
        rollbackQuietly();
        if (!SqlErrors.isRetriable(e)) {
            throw new SimulationFailedException("permanent SQL error in " + what + " (SQLState " + e.getSQLState()
                    + "): " + e.getMessage() + "; stopping. Check the shop tables (was one altered by hand?)", e);
        }
        if (attempt >= settings.retry().maxAttempts()) {
            throw new SimulationFailedException("giving up on " + what + " after " + attempt + " attempts; last error"
                    + " (SQLState " + e.getSQLState() + "): " + e.getMessage() + ". Is PostgreSQL reachable?", e);
        }
        Duration backoff = settings.retry().backoff(attempt);
        LOG.warn("Retriable error in {} (SQLState {}: {}); retry {} of {} in {} ms", what, e.getSQLState(),
                e.getMessage(), attempt, settings.retry().maxAttempts() - 1, backoff.toMillis());
        stats.retried();
        if (SqlErrors.isConnectionLoss(e)) {
            closeQuietly();
        }
        LockSupport.parkNanos(backoff.toNanos());
    }

    private void ensureConnection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            LOG.info("Connecting to PostgreSQL");
            connection = connections.open();
            connection.setAutoCommit(false);
        }
    }

    private void rollbackQuietly() {
        try {
            if (connection != null && !connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("Rollback failed; dropping the connection", e);
            closeQuietly();
        }
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the connection failed", e);
            }
            connection = null;
        }
    }
}
