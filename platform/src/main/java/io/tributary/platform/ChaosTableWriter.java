package io.tributary.platform;

import io.tributary.stack.PostgresEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of a chaos column change: changes the table every {@value ChaosParkAndResume#WRITE_EVERY_MS} ms on its
 * own connection, in a daemon thread, until stopped; reconnects after a failure.
 */
final class ChaosTableWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosTableWriter.class);

    private final PostgresEndpoint pg;
    private final ChaosColumnChange.Writes writes;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private volatile boolean stop;

    private ChaosTableWriter(PostgresEndpoint pg, ChaosColumnChange.Writes writes, String threadName) {
        this.pg = pg;
        this.writes = writes;
        this.thread = new Thread(this, threadName);
        thread.setDaemon(true);
    }

    static ChaosTableWriter start(PostgresEndpoint pg, ChaosColumnChange.Writes writes, String threadName) {
        ChaosTableWriter writer = new ChaosTableWriter(pg, writes, threadName);
        writer.thread.start();
        return writer;
    }

    @Override
    public void run() {
        while (!stop) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.appUser(), pg.appPassword());
                    Statement s = c.createStatement()) {
                while (!stop) {
                    s.execute(writes.next());
                    written.incrementAndGet();
                    Thread.sleep(ChaosParkAndResume.WRITE_EVERY_MS);
                }
            } catch (SQLException e) {
                failures.incrementAndGet();
                LOG.warn("chaos writer: {} (reconnecting)", e.getMessage());
                sleepQuietly(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops the writer (waiting up to 10 s for its thread) and returns its statements so far. */
    long stop() {
        stop = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return written.get();
    }

    long written() {
        return written.get();
    }

    long failures() {
        return failures.get();
    }

    private void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            stop = true;
        }
    }
}
