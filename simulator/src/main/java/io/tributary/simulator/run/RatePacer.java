package io.tributary.simulator.run;

/**
 * Paces row changes to a target rate: after each transaction, how long to wait so that the changes
 * done so far match {@code rate * elapsed}. Bursts are paid back by waiting longer afterwards, so the
 * average holds. When the database falls behind by more than {@code maxBacklogNanos}, the schedule is
 * moved forward instead of racing to catch up. Pure: time is passed in.
 */
public final class RatePacer {

    private final double changesPerSecond;
    private final long maxBacklogNanos;
    private long originNanos;
    private long changesSinceOrigin;

    public RatePacer(double changesPerSecond, long startNanos, long maxBacklogNanos) {
        if (!(changesPerSecond > 0)) {
            throw new IllegalArgumentException("--rate must be > 0, got " + changesPerSecond);
        }
        this.changesPerSecond = changesPerSecond;
        this.originNanos = startNanos;
        this.maxBacklogNanos = maxBacklogNanos;
    }

    /** Records {@code changes} done at {@code nowNanos}; returns nanoseconds to wait (0 = go on). */
    public long record(long changes, long nowNanos) {
        changesSinceOrigin += changes;
        long due = originNanos + (long) (changesSinceOrigin * 1e9 / changesPerSecond);
        long wait = due - nowNanos;
        if (-wait > maxBacklogNanos) {
            // too far behind: forget the debt beyond the allowed backlog
            originNanos = nowNanos - maxBacklogNanos;
            changesSinceOrigin = 0;
            return 0;
        }
        return Math.max(0, wait);
    }
}
