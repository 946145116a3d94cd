package io.tributary.simulator.run;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** What all workers of a run share: when it started, when it must end, and the first failure. */
final class RunControl {

    private final long startNanos;
    private final Duration duration;
    private final long maxChanges;
    private volatile boolean stopRequested;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    RunControl(long startNanos, Duration duration, long maxChanges) {
        this.startNanos = startNanos;
        this.duration = duration;
        this.maxChanges = maxChanges;
    }

    long startNanos() {
        return startNanos;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** True once the duration or change budget is used up, a stop was requested, or a worker failed. */
    boolean finished(RunStats stats) {
        return stopRequested
                || duration != null && elapsed().compareTo(duration) >= 0
                || maxChanges > 0 && stats.changes() >= maxChanges;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    void requestStop() {
        stopRequested = true;
    }

    /** Records the first failure and stops every worker. */
    void fail(RuntimeException e) {
        failure.compareAndSet(null, e);
        stopRequested = true;
    }

    RuntimeException failure() {
        return failure.get();
    }
}
