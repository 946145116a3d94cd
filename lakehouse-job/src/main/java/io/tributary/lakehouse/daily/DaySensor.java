package io.tributary.lakehouse.daily;

import io.tributary.contracts.wal.Lsn;
import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.reconcile.LakeCatchUp;
import io.tributary.lakehouse.reconcile.PostgresSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sensor of a daily job: returns once the lake has applied every change committed in PostgreSQL before the end
 * of the day, or fails saying what it waited for.
 *
 * <ol>
 *   <li>If the day is not over, wait until it is (failing at once when that is further away than the timeout).</li>
 *   <li>Read {@code pg_current_wal_lsn()}. Every transaction committed before now, so every one of the day, has its
 *       commit record below this LSN: it is a bound on the WAL, not on commit timestamps, so clock skew and
 *       long-running transactions do not fool it.</li>
 *   <li>Wait with reconcile's {@link LakeCatchUp} until the lake has applied everything up to that LSN: the
 *       replication slot's {@code confirmed_flush_lsn} reaches it (cdc-engine has it acknowledged by Kafka), then the
 *       lakehouse job's checkpoint covers the CDC topics' end offsets. Both are durable; an idle table does not
 *       stall it (cdc-engine's heartbeat moves the slot).</li>
 * </ol>
 */
public final class DaySensor {

    private static final Logger LOG = LoggerFactory.getLogger(DaySensor.class);

    /** The exit code of a daily job whose sensor gave up. */
    public static final int EXIT_NOT_READY = 5;

    /** The lake did not apply the day within the timeout; the message says where it stood. */
    public static final class DayNotReadyException extends Exception {
        private static final long serialVersionUID = 1L;

        DayNotReadyException(String message) {
            super(message);
        }
    }

    private final PostgresSource postgres;
    private final LakehouseConfig config;
    private final Configuration hadoop;
    private final Clock clock;

    public DaySensor(PostgresSource postgres, LakehouseConfig config, Configuration hadoop, Clock clock) {
        this.postgres = postgres;
        this.config = config;
        this.hadoop = hadoop;
        this.clock = clock;
    }

    /**
     * Waits (at most {@code timeout} for the day to end, then at most {@code timeout} without progress of the lake).
     *
     * @return a line saying what was waited for
     */
    public String await(BusinessDay day, Duration timeout) throws Exception {
        Duration untilOver = day.untilOver(clock.instant());
        if (untilOver.compareTo(timeout) > 0) {
            throw new DayNotReadyException("day " + day + " is not over: it ends at " + day.end() + ", in "
                    + untilOver.toMinutes() + " min, beyond --timeout " + timeout.toSeconds() + " s. Run the job for a"
                    + " day that has ended.");
        }
        if (!untilOver.isZero()) {
            LOG.info("day {} ends at {}: waiting {} s", day, day.end(), untilOver.toSeconds());
            Thread.sleep(untilOver.toMillis());
        }
        long lsn = currentWalLsn();
        LOG.info("sensor: day {} is over; waiting until the lake has applied everything up to LSN {}", day,
                Lsn.format(lsn));
        LakeCatchUp.Outcome outcome = new LakeCatchUp(postgres, config.kafkaBootstrap(), config.topicPattern(),
                config.checkpointLocation(), hadoop).await(lsn, timeout);
        if (!outcome.caughtUp()) {
            throw new DayNotReadyException("the lake has not applied every change of " + day + " (up to LSN "
                    + Lsn.format(lsn) + "): " + outcome.detail() + ". Is cdc-engine and the lakehouse job's stream"
                    + " running? `./tributary status` shows them; rerun when they are, or with a longer --timeout.");
        }
        String done = "the lake has applied every change up to LSN " + Lsn.format(lsn) + ", after the end of " + day
                + ": " + outcome.detail();
        LOG.info("sensor: {}", done);
        return done;
    }

    private long currentWalLsn() throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            return Lsn.parse(rs.getString(1));
        }
    }
}
