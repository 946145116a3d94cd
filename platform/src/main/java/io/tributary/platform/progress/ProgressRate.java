package io.tributary.platform.progress;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * The rate of a piece of long work over its last samples (a sliding window, so a pause shows at once), and the time
 * left at that rate. Amounts only grow (rows exported) or only shrink (records left): the rate is their change per
 * second, always positive. Pure; the caller passes the times.
 */
public final class ProgressRate {

    private record Sample(long nanos, double amount) {
    }

    private final long windowNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /** @param windowSeconds how far back the rate looks */
    public ProgressRate(double windowSeconds) {
        this.windowNanos = (long) (windowSeconds * 1e9);
    }

    public void sample(long nanos, double amount) {
        samples.addLast(new Sample(nanos, amount));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > windowNanos) {
            samples.removeFirst();
        }
    }

    /** Amount per second over the window; empty until two samples lie a second or more apart. */
    public OptionalDouble perSecond() {
        if (samples.size() < 2) {
            return OptionalDouble.empty();
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        return seconds < 1 ? OptionalDouble.empty() : OptionalDouble.of(Math.abs(last.amount() - first.amount()) / seconds);
    }

    /** Seconds until {@code remaining} is done at the current rate; empty without a rate or while nothing moves. */
    public OptionalDouble secondsLeft(double remaining) {
        OptionalDouble rate = perSecond();
        return rate.isPresent() && rate.getAsDouble() > 0 ? OptionalDouble.of(remaining / rate.getAsDouble())
                : OptionalDouble.empty();
    }
}
