package io.tributary.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads values out of a Prometheus text exposition (what every Tributary service serves at {@code /metrics}), with the
 * one parser of the contracts ({@link io.tributary.contracts.prometheus.PrometheusText}); samples are filtered by their
 * {@code table} label.
 */
public final class PrometheusText {

    private static final String TABLE = io.tributary.contracts.metrics.MetricLabels.TABLE;

    private PrometheusText() {
    }

    private static io.tributary.contracts.prometheus.PrometheusText parse(String exposition) {
        return io.tributary.contracts.prometheus.PrometheusText.parse(exposition);
    }

    /**
     * The sum of every sample of {@code metric} (all label sets), or 0 when the metric is absent. Only samples named
     * exactly {@code metric} count: {@code foo_total} does not match {@code foo_total_seconds}.
     */
    public static double sum(String exposition, String metric) {
        return parse(exposition).sum(metric);
    }

    /** As {@link #sum(String, String)}, over the samples whose {@code table} label is one of {@code tables}. */
    public static double sum(String exposition, String metric, Collection<String> tables) {
        return tables == null ? sum(exposition, metric) : parse(exposition).sum(metric, TABLE, tables);
    }

    /** The largest sample of {@code metric} over its label sets, or NaN when it is absent. */
    public static double max(String exposition, String metric) {
        return parse(exposition).max(metric).orElse(Double.NaN);
    }

    /** The smallest sample of {@code metric} over its label sets, or NaN when it is absent. */
    public static double min(String exposition, String metric) {
        return parse(exposition).min(metric).orElse(Double.NaN);
    }

    /** The smallest sample of {@code metric} whose {@code table} label is one of {@code tables}; NaN when none. */
    public static double min(String exposition, String metric, Collection<String> tables) {
        return tables == null ? min(exposition, metric) : parse(exposition).min(metric, TABLE, tables).orElse(Double.NaN);
    }

    /** The cumulative buckets of a histogram: upper bound (le, +Inf as infinity) -> count; empty when absent. */
    public static TreeMap<Double, Double> buckets(String exposition, String histogram) {
        return new TreeMap<>(parse(exposition).buckets(histogram));
    }

    /**
     * The observations between two scrapes of a cumulative histogram, one weighted sample per bucket at the bucket's
     * upper bound (a percentile read from them is an upper bound, exact to the bucket width).
     */
    public static List<Percentiles.Weighted> observationsBetween(Map<Double, Double> before, Map<Double, Double> after) {
        List<Percentiles.Weighted> samples = new ArrayList<>();
        double previousCumulative = 0;
        double lastFinite = 0;
        for (var e : new TreeMap<>(after).entrySet()) {
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
}
