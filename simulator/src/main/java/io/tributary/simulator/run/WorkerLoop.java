package io.tributary.simulator.run;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The loop of every worker, business or bulk: one transaction after another until the run ends, paced to
 * {@code rate / workers} (not at all with {@code --rate max}). A failure stops the run; the worker's connection is
 * closed at the end. What one transaction is, is the worker's {@link Transaction}.
 */
final class WorkerLoop {

    private static final long MAX_BACKLOG_NANOS = Duration.ofSeconds(1).toNanos();
    /** What a {@link Transaction} returns for work that is not paced (a schema change). */
    static final long NOT_PACED = -1;

    /** One round of a worker: plans, runs (with retries) and accounts one transaction. */
    @FunctionalInterface
    interface Transaction {
        /** Returns the row changes it committed, which the pacing counts, or {@link #NOT_PACED}. */
        long run();
    }

    private WorkerLoop() {
    }

    static void run(int index, RunSettings settings, RunStats stats, RunControl control, WorkerConnection connection,
                    Transaction transaction) {
        RatePacer pacer = settings.unpaced() ? null
                : new RatePacer(settings.rate() / settings.workers(), control.startNanos(), MAX_BACKLOG_NANOS);
        try {
            while (!control.finished(stats)) {
                long changes = transaction.run();
                if (pacer != null && changes != NOT_PACED) {
                    sleep(control, pacer.record(changes, System.nanoTime()));
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

    private static void sleep(RunControl control, long nanos) {
        long until = System.nanoTime() + nanos;
        long left;
        while (!control.stopRequested() && (left = until - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, 100_000_000L));
        }
    }
}
