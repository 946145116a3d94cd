package io.tributary.contracts.prometheus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;

/**
 * A scrape of a Prometheus text endpoint (exposition format 0.0.4), as the CLI and the benchmarks read the stages'
 * {@code /metrics}. Label values may hold commas, quotes and newlines (escaped); values may be {@code +Inf},
 * {@code -Inf} and {@code NaN}; a histogram is its {@code _bucket}, {@code _sum} and {@code _count} samples, a summary its
 * quantile samples. A line that is not a sample is skipped. Pure.
 */
public final class PrometheusText {

    /** One sample line: name, labels (in order) and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        /** The value of label {@code label}, or null when the sample has none. */
        public String label(String label) {
            return labels.get(label);
        }
    }

    /** A scrape with no samples (a stage that did not answer). */
    public static final PrometheusText EMPTY = new PrometheusText(List.of());

    private final List<Sample> samples;

    public PrometheusText(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    public static PrometheusText parse(String text) {
        if (text == null) {
            return EMPTY;
        }
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Sample s = SampleLine.parse(line.strip());
            if (s != null) {
                samples.add(s);
            }
        }
        return new PrometheusText(samples);
    }

    public List<Sample> samples() {
        return samples;
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }

    /** The samples named exactly {@code name}: {@code foo_total} does not match {@code foo_total_seconds}. */
    public Stream<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name));
    }

    /** Sum of every sample of {@code name} (all label sets, NaN left out); 0 when absent. */
    public double sum(String name) {
        return fold(named(name), Double::sum).orElse(0);
    }

    /** As {@link #sum(String)}, over the samples whose label {@code label} is one of {@code values}. */
    public double sum(String name, String label, Collection<String> values) {
        return fold(named(name, label, values), Double::sum).orElse(0);
    }

    /** The value of the first sample of {@code name} (an unlabelled gauge), if present. */
    public OptionalDouble value(String name) {
        return named(name).mapToDouble(Sample::value).findFirst();
    }

    /** The largest sample of {@code name} over its label sets (NaN left out); empty when absent. */
    public OptionalDouble max(String name) {
        return fold(named(name), Math::max);
    }

    /** The smallest sample of {@code name} over its label sets (NaN left out); empty when absent. */
    public OptionalDouble min(String name) {
        return fold(named(name), Math::min);
    }

    /** The smallest sample of {@code name} whose label {@code label} is one of {@code values}; empty when none. */
    public OptionalDouble min(String name, String label, Collection<String> values) {
        return fold(named(name, label, values), Math::min);
    }

    /** Sum of {@code name} grouped by the value of one label ("" for samples without it), in order of appearance. */
    public Map<String, Double> sumBy(String name, String label) {
        Map<String, Double> result = new LinkedHashMap<>();
        named(name).forEach(s -> result.merge(s.labels().getOrDefault(label, ""), s.value(), Double::sum));
        return result;
    }

    /**
     * The cumulative buckets of histogram {@code histogram}: upper bound ({@code le}, {@code +Inf} as infinity) to
     * count; empty when absent.
     */
    public NavigableMap<Double, Double> buckets(String histogram) {
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        named(histogram + "_bucket").filter(s -> s.label("le") != null)
                .forEach(s -> buckets.put(SampleLine.number(s.label("le")), s.value()));
        return buckets;
    }

    private Stream<Sample> named(String name, String label, Collection<String> values) {
        return named(name).filter(s -> values.contains(s.label(label)));
    }

    private static OptionalDouble fold(Stream<Sample> samples, DoubleBinaryOperator op) {
        return samples.mapToDouble(Sample::value).filter(v -> !Double.isNaN(v)).reduce(op);
    }
}
