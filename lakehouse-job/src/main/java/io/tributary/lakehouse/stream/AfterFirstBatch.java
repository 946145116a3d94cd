package io.tributary.lakehouse.stream;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts something once the lake query has finished its first batch, on a thread of its own: the gold query, which
 * would otherwise take half of two cores while the lake compiles its first plans and appends the initial snapshot (in
 * the default demo the lake's first rows came ~35 s later with gold started beside it). Started at most once; never
 * after {@link #close()}; a failure to start is kept for the job to throw ({@link #failure()}) and reported through
 * {@code onFailure}, which is expected to stop the job.
 *
 * @param <T> what the start returns (the running query)
 */
final class AfterFirstBatch<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AfterFirstBatch.class);

    private final String what;
    private final Callable<T> start;
    private final Runnable onFailure;
    private boolean signalled;
    // read without the lock (health checks must not wait for a start in progress)
    private volatile boolean closed;
    private volatile T started;
    private volatile Exception failure;

    AfterFirstBatch(String what, Callable<T> start, Runnable onFailure) {
        this.what = what;
        this.start = start;
        this.onFailure = onFailure;
    }

    /** The lake query finished a batch: the first call starts it on its own thread, later calls do nothing. */
    synchronized void batchFinished() {
        if (signalled || closed) {
            return;
        }
        signalled = true;
        Thread t = new Thread(this::run, "start-" + what.replace(' ', '-'));
        t.setDaemon(true);
        t.start();
    }

    private void run() {
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                LOG.info("the lake's first batch is done: starting {}", what);
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
