package io.tributary.platform;

import io.tributary.stack.PostgresEndpoint;
import io.tributary.stack.StackException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last, optional phase of {@code tributary chaos} ({@code --idle}): nothing writes for a while, and the WAL the
 * replication slot retains is sampled every 10 s; a slot that keeps WAL while idle means cdc-engine's heartbeat does
 * not move it.
 */
final class ChaosIdlePhase {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosIdlePhase.class);

    private final PostgresEndpoint pg;
    private final Duration idle;
    private final long bound;
    private final Consumer<String> say;

    ChaosIdlePhase(PostgresEndpoint pg, Duration idle, long bound, Consumer<String> say) {
        this.pg = pg;
        this.idle = idle;
        this.bound = bound;
        this.say = say;
    }

    /** Samples the slot's retained WAL while nothing writes; returns the largest value. */
    long run() {
        say.accept("Idle phase: " + DurationText.format(idle) + " without writes; sampling the retained WAL of slot " + Chaos.SLOT);
        long max = 0;
        long end = System.nanoTime() + idle.toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.superUser(), pg.superPassword());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn() - confirmed_flush_lsn FROM pg_replication_slots"
                            + " WHERE slot_name = '" + Chaos.SLOT + "'")) {
                if (rs.next()) {
                    long retained = rs.getLong(1);
                    max = Math.max(max, retained);
                    LOG.info("idle: slot {} retains {} bytes of WAL", Chaos.SLOT, retained);
                }
            } catch (SQLException e) {
                throw new StackException("Cannot read the retained WAL of slot " + Chaos.SLOT + ": " + e.getMessage(), e);
            }
            if (System.nanoTime() >= end) {
                break;
            }
            Chaos.sleep(Duration.ofNanos(Math.min(end - System.nanoTime(), Duration.ofSeconds(10).toNanos())));
        }
        say.accept("Idle phase: the slot retained at most " + ByteSize.human(max) + " of WAL (bound " + ByteSize.human(bound) + ")");
        return max;
    }
}
