package io.tributary.platform;

import io.tributary.contracts.metrics.MetricLabels;
import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * What the lakehouse job reported at one moment: silver rows merged so far and freshness (now minus the newest source
 * commit applied), per table, from its {@code /metrics}. Chaos compares two of them to show that the shop's tables
 * kept flowing into the lake, and how fresh they stayed, while a table was parked. Pure.
 */
record ChaosLakeProgress(Map<String, Double> merged, Map<String, Double> freshnessSeconds) {

    /** The tables a park must not hold back: every table but those chaos created. */
    static final Predicate<String> SHOP_TABLES = t -> !t.startsWith("chaos_");
    static final ChaosLakeProgress NOTHING = new ChaosLakeProgress(Map.of(), Map.of());

    ChaosLakeProgress {
        merged = Map.copyOf(merged);
        freshnessSeconds = Map.copyOf(freshnessSeconds);
    }

    static ChaosLakeProgress of(PrometheusText lakeMetrics) {
        return new ChaosLakeProgress(lakeMetrics.sumBy(MetricNames.Lakehouse.ROWS_MERGED_TOTAL, MetricLabels.TABLE),
                lakeMetrics.sumBy(MetricNames.Lakehouse.FRESHNESS_SECONDS, MetricLabels.TABLE));
    }

    /**
     * Silver rows merged into the {@code tables} since {@code earlier}. The job's counters start at 0 in every process:
     * when they went back (the job restarted in between), the rows merged since its start.
     */
    long mergedSince(ChaosLakeProgress earlier, Predicate<String> tables) {
        double now = sum(merged, tables);
        double before = sum(earlier.merged, tables);
        return (long) (now >= before ? now - before : now);
    }

    /**
     * The stalest of the {@code tables} that had rows merged since {@code earlier} (seconds since the newest source
     * commit the lake applied to it), empty when none did. A table the batch did not touch is left out: its figure
     * only says that nothing changed in it.
     */
    OptionalDouble freshnessOfAdvanced(ChaosLakeProgress earlier, Predicate<String> tables) {
        return freshnessSeconds.entrySet().stream()
                .filter(e -> tables.test(e.getKey()) && mergedSince(earlier, e.getKey()::equals) > 0)
                .mapToDouble(Map.Entry::getValue).max();
    }

    private static double sum(Map<String, Double> byTable, Predicate<String> tables) {
        return byTable.entrySet().stream().filter(e -> tables.test(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
    }

    /** The lake's progress before a batch of the shop's tables, and right after it. */
    record Batch(ChaosLakeProgress from, ChaosLakeProgress to) {
        long merged() {
            return to.mergedSince(from, SHOP_TABLES);
        }

        double freshness() {
            return to.freshnessOfAdvanced(from, SHOP_TABLES).orElse(Double.NaN);
        }
    }

    /**
     * The lake's side of a park, for the summary line: rows merged into the shop's tables while the table was parked,
     * and their freshness then and just before the fault (each taken right after a batch).
     *
     * @param othersMerged    silver rows of the shop's tables merged while parked, -1 when not measured
     * @param freshnessBefore the stalest shop table a batch touched just before the fault, NaN when not measured
     * @param freshnessParked the same for the first batch while the table was parked, NaN when none came
     */
    record DuringPark(long othersMerged, double freshnessBefore, double freshnessParked) {
        static final DuringPark NOT_MEASURED = new DuringPark(-1, Double.NaN, Double.NaN);

        static DuringPark of(Optional<Batch> before, Optional<Batch> parked) {
            double then = before.map(Batch::freshness).orElse(Double.NaN);
            return parked.map(p -> new DuringPark(p.merged(), then, p.freshness())).orElse(new DuringPark(0, then, Double.NaN));
        }

        boolean measured() {
            return othersMerged >= 0;
        }

        /** e.g. {@code  lake-others=+812 lake-freshness=14s(before=11s)}; empty when not measured. */
        String brief() {
            if (!measured()) {
                return "";
            }
            return String.format(Locale.ROOT, " lake-others=+%d lake-freshness=%ss(before=%ss)", othersMerged,
                    seconds(freshnessParked), seconds(freshnessBefore));
        }

        private static String seconds(double s) {
            return Double.isNaN(s) ? "?" : String.format(Locale.ROOT, "%.0f", s);
        }
    }
}
