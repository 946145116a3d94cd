package io.tributary.cdc.monitor;

import java.time.Duration;

/**
 * Tracks how long a server has been unreachable without interruption, from probe results and a monotonic clock:
 * the outage starts at the first failed probe and ends at the next successful one. Not thread-safe.
 */
public final class OutageTracker {
    /** What a probe result means. */
    public enum Verdict { REACHABLE, OUTAGE_STARTED, STILL_DOWN, BUDGET_SPENT, RECOVERED }

    private final Duration budget;
    private long downSinceNanos;
    private boolean down;

    public OutageTracker(Duration budget) {
        this.budget = budget;
    }

    public Verdict probed(boolean reachable, long nowNanos) {
        if (reachable) {
            boolean wasDown = down;
            down = false;
            return wasDown ? Verdict.RECOVERED : Verdict.REACHABLE;
        }
        if (!down) {
            down = true;
            downSinceNanos = nowNanos;
            return budget.isZero() ? Verdict.BUDGET_SPENT : Verdict.OUTAGE_STARTED;
        }
        return nowNanos - downSinceNanos >= budget.toNanos() ? Verdict.BUDGET_SPENT : Verdict.STILL_DOWN;
    }

    /** Length of the current outage (zero when reachable). */
    public Duration downFor(long nowNanos) {
        return down ? Duration.ofNanos(nowNanos - downSinceNanos) : Duration.ZERO;
    }
}
