package io.tributary.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark's figures: a table of contenders (each measured in this run), target checks, time series for plots,
 * and notes that say what was measured and what limits it.
 */
public final class BenchmarkResult {

    /** One contender: items processed, active seconds, items/s and its ratio to the named baseline of the same run. */
    public record Row(String name, double items, double seconds, double perSecond, Double ratio, String ratioTo,
                      String detail) {
    }

    /** A target of the issue: met or missed, and by how much. */
    public record TargetCheck(String target, double required, double measured, boolean higherIsBetter) {
        public boolean met() {
            return higherIsBetter ? measured >= required : measured <= required;
        }

        /** Measured as a fraction of required ("0.62x of the target"). */
        public double fractionOfTarget() {
            return higherIsBetter ? measured / required : required / measured;
        }
    }

    /** A plotted series: x in seconds since the run's start, y in the given unit. */
    public record Series(String name, String unit, List<double[]> points) {
    }

    public String id;
    public String title;
    public String measures;
    public List<Row> rows = new ArrayList<>();
    public List<TargetCheck> targets = new ArrayList<>();
    public List<Series> series = new ArrayList<>();
    public List<String> notes = new ArrayList<>();
    public String error;
    /** A free-form table for figures that are not rates (resources, percentiles). */
    public List<String> tableHeader = new ArrayList<>();
    public List<List<String>> tableRows = new ArrayList<>();

    public BenchmarkResult() {
    }

    public BenchmarkResult(String id, String title, String measures) {
        this.id = id;
        this.title = title;
        this.measures = measures;
    }

    /** Adds a row whose ratio is taken against the row named {@code baseline} (already added); null ratio if absent. */
    public Row addRow(String name, double items, double seconds, double perSecond, String baseline, String detail) {
        Double ratio = null;
        if (baseline != null) {
            for (Row r : rows) {
                if (r.name().equals(baseline) && r.perSecond() > 0 && !Double.isNaN(perSecond)) {
                    ratio = perSecond / r.perSecond();
                }
            }
        }
        Row row = new Row(name, items, seconds, perSecond, ratio, ratio == null ? null : baseline, detail);
        rows.add(row);
        return row;
    }

    public Row row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }
}
