package io.tributary.cdc.monitor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.tributary.cdc.config.PostgresLogin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures, on a schedule, how much WAL the replication slot holds back
 * ({@code pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)}), publishes it as a metric and warns past the
 * threshold. A failed measurement is logged and retried at the next tick: it never stops the capture.
 */
public final class RetainedWalMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetainedWalMonitor.class);
    static final String QUERY = "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint "
            + "FROM pg_replication_slots WHERE slot_name = ?";

    private final String jdbcUrl;
    private final Properties credentials;
    private final String slot;
    private final RetainedWalPolicy policy;
    private final CdcMetrics metrics;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "retained-wal-monitor");
        t.setDaemon(true);
        return t;
    });

    public RetainedWalMonitor(String jdbcUrl, String user, String password, String slot, RetainedWalPolicy policy,
                              CdcMetrics metrics) {
        this.jdbcUrl = jdbcUrl;
        this.credentials = PostgresLogin.of(user, password, "tributary-cdc-wal-monitor", 30);
        this.slot = slot;
        this.policy = policy;
        this.metrics = metrics;
    }

    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::checkOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Measures once; returns the retained bytes, or empty if the slot does not exist (yet) or the query failed. */
    public OptionalLong checkOnce() {
        try (Connection c = DriverManager.getConnection(jdbcUrl, credentials);
             PreparedStatement st = c.prepareStatement(QUERY)) {
            st.setString(1, slot);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next() || rs.getObject(1) == null) {
                    LOG.debug("Replication slot {} not found yet", slot);
                    return OptionalLong.empty();
                }
                long bytes = rs.getLong(1);
                metrics.retainedWalBytes(bytes);
                switch (policy.evaluate(bytes)) {
                    case WARN -> LOG.warn("Replication slot {} retains {} bytes of WAL (threshold {}): the engine is "
                            + "behind or stopped acknowledging; check Kafka and the engine's lag, the disk of PostgreSQL "
                            + "fills up if this keeps growing", slot, bytes, policy.thresholdBytes());
                    case RECOVERED -> LOG.info("Replication slot {} retains {} bytes of WAL, back under the threshold {}",
                            slot, bytes, policy.thresholdBytes());
                    default -> LOG.debug("Replication slot {} retains {} bytes of WAL", slot, bytes);
                }
                return OptionalLong.of(bytes);
            }
        } catch (SQLException e) {
            LOG.warn("Cannot measure the WAL retained by slot {}: {} (SQL state {}); next try at the next interval",
                    slot, e.getMessage(), e.getSQLState());
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
