package io.tributary.simulator.run;

import io.tributary.simulator.db.RetryPolicy;
import io.tributary.simulator.db.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's connection and what it does when a transaction fails: roll back, then retry a retriable error
 * after a bounded backoff (reconnecting after a connection loss) or stop the run with a permanent one.
 */
final class WorkerConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerConnection.class);

    private final int worker;
    private final BusinessSimulator.ConnectionSource connections;
    private final RetryPolicy retry;
    private final RunStats stats;
    private Connection connection;

    WorkerConnection(int worker, BusinessSimulator.ConnectionSource connections, RetryPolicy retry, RunStats stats,
                     Connection opened) {
        this.worker = worker;
        this.connections = connections;
        this.retry = retry;
        this.stats = stats;
        this.connection = opened;
    }

    /** The open connection (autocommit off), reconnecting if it was lost. */
    Connection get() throws SQLException {
        if (connection == null || connection.isClosed()) {
            LOG.debug("Worker {} connecting to PostgreSQL", worker);
            connection = connections.open();
            connection.setAutoCommit(false);
        }
        return connection;
    }

    /** The work of one transaction; it tells {@code doing} what it is at, for the message if it fails. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c, Consumer<String> doing) throws SQLException;
    }

    /**
     * Runs {@code work} and commits; a failure is rolled back and retried, or stops the run ({@link #failed}).
     * {@code what} names the work until it tells what it is at.
     */
    <T> T commitWithRetry(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            String[] doing = {what};
            try {
                Connection c = get();
                T result = work.run(c, step -> doing[0] = step);
                c.commit();
                return result;
            } catch (SQLException e) {
                failed(e, attempt, doing[0]);
            }
        }
    }

    /** Rolls back, then either waits before a retry or throws a {@link SimulationFailedException}. */
    void failed(SQLException e, int attempt, String what) {
        rollbackQuietly();
        if (!SqlErrors.isRetriable(e)) {
            throw new SimulationFailedException("permanent SQL error in " + what + " (SQLState " + e.getSQLState()
                    + "): " + e.getMessage() + "; stopping. Check the shop tables (was one altered by hand?)", e);
        }
        if (attempt >= retry.maxAttempts()) {
            throw new SimulationFailedException("giving up on " + what + " after " + attempt + " attempts; last error"
                    + " (SQLState " + e.getSQLState() + "): " + e.getMessage() + ". Is PostgreSQL reachable?", e);
        }
        Duration backoff = retry.backoff(attempt);
        if (SqlErrors.isStalePlan(e)) {
            // expected once per connection after a column type change: the retry re-prepares the statement
            LOG.info("Worker {}: re-preparing {} after a column type change", worker, what);
        } else {
            LOG.warn("Worker {}: retriable error in {} (SQLState {}: {}); retry {} of {} in {} ms", worker, what,
                    e.getSQLState(), e.getMessage(), attempt, retry.maxAttempts() - 1, backoff.toMillis());
        }
        stats.retried();
        if (SqlErrors.isConnectionLoss(e)) {
            close();
        }
        LockSupport.parkNanos(backoff.toNanos());
    }

    void rollbackQuietly() {
        try {
            if (connection != null && !connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("Rollback failed; dropping the connection", e);
            close();
        }
    }

    @Override
    public void close() {
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
