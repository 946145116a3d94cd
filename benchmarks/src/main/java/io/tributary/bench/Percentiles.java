package io.tributary.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Weighted percentiles (nearest rank on the cumulative weight). */
public final class Percentiles {

    /** One observed value that stands for {@code weight} observations. */
    public record Weighted(double value, double weight) {
    }

    private final List<Weighted> sorted;
    private final double totalWeight;

    public Percentiles(List<Weighted> samples) {
        List<Weighted> copy = new ArrayList<>();
        double total = 0;
        for (Weighted w : samples) {
            if (w.weight() > 0 && !Double.isNaN(w.value())) {
                copy.add(w);
                total += w.weight();
            }
        }
        copy.sort(Comparator.comparingDouble(Weighted::value));
        this.sorted = copy;
        this.totalWeight = total;
    }

    public static Percentiles unweighted(double... values) {
        List<Weighted> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(new Weighted(v, 1));
        }
        return new Percentiles(list);
    }

    public boolean isEmpty() {
        return sorted.isEmpty();
    }

    public double totalWeight() {
        return totalWeight;
    }

    /**
     * The smallest value whose cumulative weight reaches {@code p} percent of the total (p in (0, 100]); NaN when
     * there are no samples.
     */
    public double at(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        double rank = totalWeight * p / 100.0;
        double cumulative = 0;
        for (Weighted w : sorted) {
            cumulative += w.weight();
            if (cumulative >= rank - 1e-9) {
                return w.value();
            }
        }
        return sorted.get(sorted.size() - 1).value();
    }
}
