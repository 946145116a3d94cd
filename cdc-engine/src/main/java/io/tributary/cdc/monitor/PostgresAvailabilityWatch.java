package io.tributary.cdc.monitor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.tributary.configuration.DurationSyntax;
import io.tributary.cdc.pipeline.DependencyUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds a PostgreSQL outage by time. Debezium restarts its task with backoff while PostgreSQL is unreachable;
 * this watch probes PostgreSQL ({@code SELECT 1} on one kept connection, reconnecting after a failure) and,
 * once it has been unreachable without interruption for {@code tributary.cdc.pg.retry.timeout}, hands a
 * {@link DependencyUnavailableException} naming host:port and the setting to the engine, which then stops.
 */
public final class PostgresAvailabilityWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresAvailabilityWatch.class);

    private final String jdbcUrl;
    private final String hostPort;
    private final Properties connectionProperties = new Properties();
    private final Duration budget;
    private final Duration interval;
    private final OutageTracker tracker;
    private final Consumer<DependencyUnavailableException> onBudgetSpent;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "postgres-availability-watch");
        t.setDaemon(true);
        return t;
    });
    private Connection connection;
    private String lastError = "";
    private boolean reported;

    public PostgresAvailabilityWatch(String jdbcUrl, String hostPort, String user, String password, Duration budget,
                                     Consumer<DependencyUnavailableException> onBudgetSpent) {
        this.jdbcUrl = jdbcUrl;
        this.hostPort = hostPort;
        this.budget = budget;
        this.interval = probeInterval(budget);
        this.tracker = new OutageTracker(budget);
        this.onBudgetSpent = onBudgetSpent;
        long timeoutSeconds = Math.max(1, Math.min(10, interval.toSeconds()));
        connectionProperties.setProperty("user", user);
        connectionProperties.setProperty("password", password);
        connectionProperties.setProperty("connectTimeout", Long.toString(timeoutSeconds));
        connectionProperties.setProperty("socketTimeout", Long.toString(timeoutSeconds));
        connectionProperties.setProperty("ApplicationName", "tributary-cdc-availability");
    }

    /** A tenth of the budget, between 1 s and 5 s: the outage is detected within ~10% (or 5 s) of the budget. */
    static Duration probeInterval(Duration budget) {
        long ms = Math.max(1_000, Math.min(5_000, budget.toMillis() / 10));
        return Duration.ofMillis(ms);
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::probeOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void probeOnce() {
        boolean reachable = probe();
        long now = System.nanoTime();
        switch (tracker.probed(reachable, now)) {
            case OUTAGE_STARTED -> LOG.warn("PostgreSQL at {} is unreachable ({}); Debezium retries with backoff, the "
                    + "engine stops if it stays unreachable for {} (tributary.cdc.pg.retry.timeout)", hostPort, lastError,
                    DurationSyntax.format(budget));
            case RECOVERED -> LOG.info("PostgreSQL at {} is reachable again", hostPort);
            case BUDGET_SPENT -> {
                if (!reported) {
                    reported = true;
                    onBudgetSpent.accept(new DependencyUnavailableException("PostgreSQL at " + hostPort
                            + " stayed unreachable for " + DurationSyntax.format(round(tracker.downFor(now))) + ", past the limit of "
                            + DurationSyntax.format(budget)
                            + " set by tributary.cdc.pg.retry.timeout (TRIBUTARY_CDC_PG_RETRY_TIMEOUT); last error: "
                            + lastError + ". Offsets stay at the last batch Kafka acknowledged. Start PostgreSQL (or fix "
                            + "TRIBUTARY_PG_HOST/TRIBUTARY_PG_PORT), then restart the engine: it resumes from there "
                            + "without a new snapshot.", null));
                }
            }
            default -> { }
        }
    }

    private boolean probe() {
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(jdbcUrl, connectionProperties);
            }
            try (Statement st = connection.createStatement()) {
                st.execute("SELECT 1");
            }
            return true;
        } catch (SQLException e) {
            lastError = e.getMessage() + " (SQL state " + e.getSQLState() + ")";
            closeConnection();
            return false;
        } catch (RuntimeException e) {
            lastError = e.toString();
            closeConnection();
            return false;
        }
    }

    private static Duration round(Duration d) {
        return Duration.ofSeconds(d.toSeconds());
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is broken already; nothing to release
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
