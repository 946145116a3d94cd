package io.tributary.bench;

import java.util.Collection;
import java.util.function.DoubleBinaryOperator;

/**
 * Reads values out of a Prometheus text exposition (what every Tributary service serves at {@code /metrics}).
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of every sample of {@code metric} (all label sets), or 0 when the metric is absent. Only samples named
     * exactly {@code metric} count: {@code foo_total} does not match {@code foo_total_seconds}.
     */
    public static double sum(String exposition, String metric) {
        return sum(exposition, metric, null);
    }

    /** As {@link #sum(String, String)}, over the samples whose {@code table} label is one of {@code tables}. */
    public static double sum(String exposition, String metric, Collection<String> tables) {
        double total = fold(exposition, metric, tables, Double::sum);
        return Double.isNaN(total) ? 0 : total;
    }

    /** The largest sample of {@code metric} over its label sets, or NaN when it is absent. */
    public static double max(String exposition, String metric) {
        return fold(exposition, metric, null, Math::max);
    }

    /** The smallest sample of {@code metric} over its label sets, or NaN when it is absent. */
    public static double min(String exposition, String metric) {
        return min(exposition, metric, null);
    }

    /** The smallest sample of {@code metric} whose {@code table} label is one of {@code tables}; NaN when none. */
    public static double min(String exposition, String metric, Collection<String> tables) {
        return fold(exposition, metric, tables, Math::min);
    }

    /** Folds the non-NaN samples of {@code metric} (only those of {@code tables} when not null); NaN when none. */
    private static double fold(String exposition, String metric, Collection<String> tables, DoubleBinaryOperator op) {
        double acc = Double.NaN;
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#' || !line.startsWith(metric) || line.length() == metric.length()) {
                continue;
            }
            char next = line.charAt(metric.length());
            if (next != ' ' && next != '{') {
                continue;
            }
            if (tables != null && !tables.contains(label(line, "table"))) {
                continue;
            }
            double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            if (!Double.isNaN(v)) {
                acc = Double.isNaN(acc) ? v : op.applyAsDouble(acc, v);
            }
        }
        return acc;
    }

    /** The cumulative buckets of a histogram: upper bound (le, +Inf as infinity) -> count; empty when absent. */
    public static java.util.TreeMap<Double, Double> buckets(String exposition, String histogram) {
        java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
        if (exposition == null) {
            return buckets;
        }
        String name = histogram + "_bucket{";
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name)) {
                String le = label(line, "le");
                buckets.put("+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le),
                        Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim()));
            }
        }
        return buckets;
    }

    /**
     * The observations between two scrapes of a cumulative histogram, one weighted sample per bucket at the bucket's
     * upper bound (a percentile read from them is an upper bound, exact to the bucket width).
     */
    public static java.util.List<Percentiles.Weighted> observationsBetween(java.util.Map<Double, Double> before,
                                                                          java.util.Map<Double, Double> after) {
        java.util.List<Percentiles.Weighted> samples = new java.util.ArrayList<>();
        double previousCumulative = 0;
        double lastFinite = 0;
        for (var e : new java.util.TreeMap<>(after).entrySet()) {
            double cumulative = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            double inBucket = cumulative - previousCumulative;
            previousCumulative = cumulative;
            double bound = e.getKey().isInfinite() ? lastFinite : e.getKey();
            if (!e.getKey().isInfinite()) {
                lastFinite = e.getKey();
            }
            if (inBucket > 0) {
                samples.add(new Percentiles.Weighted(bound, inBucket));
            }
        }
        return samples;
    }

    /** The value of label {@code name} in a sample line, or null when it has none. */
    static String label(String line, String name) {
        int open = line.indexOf('{');
        int close = line.indexOf('}');
        if (open < 0 || close < open) {
            return null;
        }
        for (String pair : line.substring(open + 1, close).split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                String v = pair.substring(eq + 1).trim();
                return v.length() >= 2 && v.startsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }
}
