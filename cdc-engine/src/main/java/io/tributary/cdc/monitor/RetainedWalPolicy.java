package io.tributary.cdc.monitor;

/**
 * Decides what to log for each measurement of the slot's retained WAL: a warning when it crosses the
 * threshold and again every {@code repeatEvery} measurements while it stays above, a note when it recovers.
 */
public final class RetainedWalPolicy {
    /** What a measurement calls for. */
    public enum Verdict { OK, WARN, RECOVERED }

    private final long thresholdBytes;
    private final int repeatEvery;
    private int checksAbove;

    public RetainedWalPolicy(long thresholdBytes, int repeatEvery) {
        this.thresholdBytes = thresholdBytes;
        this.repeatEvery = Math.max(1, repeatEvery);
    }

    public Verdict evaluate(long retainedBytes) {
        if (retainedBytes > thresholdBytes) {
            boolean warn = checksAbove % repeatEvery == 0;
            checksAbove++;
            return warn ? Verdict.WARN : Verdict.OK;
        }
        boolean wasAbove = checksAbove > 0;
        checksAbove = 0;
        return wasAbove ? Verdict.RECOVERED : Verdict.OK;
    }

    public long thresholdBytes() {
        return thresholdBytes;
    }
}
