package io.tributary.lakehouse.metrics;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Freshness measured per applied change: the time its silver commit became visible minus its source commit time.
 * Kept two ways: a cumulative Prometheus histogram (for dashboards and the benchmarks: percentiles from the bucket
 * counts of any interval), and the changes of the last {@code window} for the quantiles the status line shows.
 * Thread-safe (the tables of a batch commit from parallel threads).
 */
public final class ChangeFreshness {

    /** Bucket upper bounds in seconds: 0.25 s steps up to 5 s, then coarser. */
    static final double[] BOUNDS = {0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9, 10, 12.5,
        15, 17.5, 20, 25, 30, 40, 50, 60, 75, 90, 120, 150, 180, 240, 300, 450, 600, 900, 1800, 3600};

    private final Clock clock;
    private final long windowMs;
    private final long[] counts = new long[BOUNDS.length + 1];
    private double sumSeconds;
    private long total;
    private final Deque<long[]> recent = new ArrayDeque<>(); // {visibleAtMs, freshnessMs, count}

    public ChangeFreshness(Clock clock, java.time.Duration window) {
        this.clock = clock;
        this.windowMs = window.toMillis();
    }

    /**
     * Records the changes of one commit.
     *
     * @param sourceTsCounts source commit time (epoch ms) -> number of changes with it
     * @param visibleAtMs    when the commit became visible
     */
    public synchronized void committed(Map<Long, Long> sourceTsCounts, long visibleAtMs) {
        sourceTsCounts.forEach((ts, n) -> {
            long freshnessMs = Math.max(0, visibleAtMs - ts);
            double seconds = freshnessMs / 1000.0;
            counts[bucket(seconds)] += n;
            sumSeconds += seconds * n;
            total += n;
            recent.addLast(new long[] {visibleAtMs, freshnessMs, n});
        });
        prune();
    }

    /** The q-quantile of the changes made visible in the last window, exact to the millisecond. */
    public synchronized OptionalDouble recentQuantile(double q) {
        prune();
        long n = recent.stream().mapToLong(r -> r[2]).sum();
        if (n == 0) {
            return OptionalDouble.empty();
        }
        long[][] sorted = recent.stream().sorted(java.util.Comparator.comparingLong(r -> r[1])).toArray(long[][]::new);
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (long[] r : sorted) {
            seen += r[2];
            if (seen >= rank) {
                return OptionalDouble.of(r[1] / 1000.0);
            }
        }
        return OptionalDouble.of(sorted[sorted.length - 1][1] / 1000.0);
    }

    /** The histogram and the recent quantiles in the Prometheus text format. */
    public synchronized void render(StringBuilder sb, String name) {
        sb.append("# HELP ").append(name).append(" Per applied change: silver commit visible minus source commit.\n")
                .append("# TYPE ").append(name).append(" histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            cumulative += counts[i];
            sb.append(name).append("_bucket{le=\"").append(format(BOUNDS[i])).append("\"} ").append(cumulative)
                    .append('\n');
        }
        sb.append(name).append("_bucket{le=\"+Inf\"} ").append(total).append('\n')
                .append(name).append("_sum ").append(format(sumSeconds)).append('\n')
                .append(name).append("_count ").append(total).append('\n');
        String recentName = name.replace("_seconds", "_recent_seconds");
        sb.append("# HELP ").append(recentName).append(" Quantiles of the changes made visible in the last ")
                .append(windowMs / 1000).append(" s.\n").append("# TYPE ").append(recentName).append(" gauge\n");
        for (double q : new double[] {0.5, 0.99}) {
            OptionalDouble v = recentQuantile(q);
            if (v.isPresent()) {
                sb.append(recentName).append("{quantile=\"").append(format(q)).append("\"} ")
                        .append(format(v.getAsDouble())).append('\n');
            }
        }
    }

    private void prune() {
        long horizon = clock.millis() - windowMs;
        while (!recent.isEmpty() && recent.peekFirst()[0] < horizon) {
            recent.removeFirst();
        }
    }

    private static int bucket(double seconds) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
    }
}
