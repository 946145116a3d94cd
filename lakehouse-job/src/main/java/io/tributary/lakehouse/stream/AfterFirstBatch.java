package io.tributary.lakehouse.stream;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts something once the lake query has finished its first batch, on a thread of its own: the gold query, which
 * would otherwise take half of two cores while the lake compiles its first plans and appends the initial snapshot (in
 * the default demo the lake's first rows came later with gold started beside it). It also starts when the lake query
 * is idle (it found no data: a lake query whose topics do not exist yet reports no batch at all), and when the first
 * batch has not finished within {@code atMost}. Started at most once; never after {@link #close()}; a failure to
 * start is kept for the job to throw ({@link #failure()}) and reported through {@code onFailure}, which is expected
 * to stop the job.
 *
 * @param <T> what the start returns (the running query)
 */
final class AfterFirstBatch<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AfterFirstBatch.class);

    private final String what;
    private final java.time.Duration atMost;
    private final java.util.function.BooleanSupplier lakeIdle;
    private final Callable<T> start;
    private final Runnable onFailure;
    private boolean signalled;
    // read without the lock (health checks must not wait for a start in progress)
    private volatile boolean closed;
    private volatile T started;
    private volatile Exception failure;

    /** @param lakeIdle whether the lake query waits for data (asked twice a second until it starts) */
    AfterFirstBatch(String what, java.time.Duration atMost, java.util.function.BooleanSupplier lakeIdle,
                    Callable<T> start, Runnable onFailure) {
        this.what = what;
        this.atMost = atMost;
        this.lakeIdle = lakeIdle;
        this.start = start;
        this.onFailure = onFailure;
        Thread timer = new Thread(this::startWhenOverdue, "start-" + what.replace(' ', '-') + "-timer");
        timer.setDaemon(true);
        timer.start();
    }

    /** The lake query finished a batch: the first call starts it on its own thread, later calls do nothing. */
    void batchFinished() {
        trigger("the lake's first batch is done");
    }

    private void startWhenOverdue() {
        long deadline = System.nanoTime() + atMost.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                synchronized (this) {
                    if (signalled || closed) {
                        return;
                    }
                }
                if (lakeIdle.getAsBoolean()) {
                    trigger("the lake query waits for data");
                    return;
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        trigger("the lake's first batch has not finished after " + atMost);
    }

    private synchronized void trigger(String why) {
        if (signalled || closed) {
            return;
        }
        signalled = true;
        Thread t = new Thread(() -> run(why), "start-" + what.replace(' ', '-'));
        t.setDaemon(true);
        t.start();
    }

    private void run(String why) {
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                LOG.info("{}: starting {}", why, what);
                started = start.call();
                return;
            } catch (Exception e) {
                LOG.error("{} could not start; the job stops", what, e);
                failure = e;
            }
        }
        onFailure.run();
    }

    /** Whether it waits for the first batch (neither started nor failed nor closed). */
    boolean pending() {
        return started == null && failure == null && !closed;
    }

    Optional<T> started() {
        return Optional.ofNullable(started);
    }

    Optional<Exception> failure() {
        return Optional.ofNullable(failure);
    }

    /** Nothing starts after this; a start in progress is waited for (what was started, the caller stops). */
    @Override
    public synchronized void close() {
        closed = true;
    }
}
