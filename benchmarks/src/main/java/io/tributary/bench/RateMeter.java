package io.tributary.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns polled progress (time, cumulative count) into a throughput. Every stage is measured the same way: from the
 * first poll that saw work done to the first poll that saw the target reached, counting only the items processed in
 * between, so start-up time (JVM, connection, Spark session) is excluded for every contender alike.
 */
public final class RateMeter {

    /** One poll: milliseconds since an arbitrary origin, cumulative items. */
    public record Sample(double atMs, double count) {
    }

    private final List<Sample> samples = new ArrayList<>();

    public synchronized void record(double atMs, double count) {
        samples.add(new Sample(atMs, count));
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** True once a sample reached {@code target}. */
    public synchronized boolean reached(double target) {
        return !samples.isEmpty() && samples.get(samples.size() - 1).count() >= target;
    }

    /** Items/s between the first sample with work and the first sample at or above target; NaN if undefined. */
    public synchronized double rate(double target) {
        Sample first = null;
        for (Sample s : samples) {
            if (first == null && s.count() > 0) {
                first = s;
            }
            if (first != null && s.count() >= target) {
                double seconds = (s.atMs() - first.atMs()) / 1000.0;
                double items = s.count() - first.count();
                return seconds <= 0 ? Double.NaN : items / seconds;
            }
        }
        return Double.NaN;
    }

    /** Seconds between the first sample with work and the first sample at or above target; NaN if undefined. */
    public synchronized double activeSeconds(double target) {
        Sample first = null;
        for (Sample s : samples) {
            if (first == null && s.count() > 0) {
                first = s;
            }
            if (first != null && s.count() >= target) {
                return (s.atMs() - first.atMs()) / 1000.0;
            }
        }
        return Double.NaN;
    }
}
