package io.tributary.platform;

import io.tributary.contracts.metrics.MetricLabels;
import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What the demo shows, read from the three services' /metrics: changes written to PostgreSQL (simulator), captured
 * to Kafka (cdc-engine), appended to bronze and merged into silver (lakehouse-job), the CDC lag and the lake's
 * freshness, and the tables cdc-engine or the lakehouse job parked. A service that did not answer contributes nothing
 * (its fields keep the last known value). Pure.
 *
 * @param caughtUp the lake is idle and has applied the newest change cdc-engine captured ({@link LakeFreshness})
 */
record PipelineFigures(double written, double captured, double bronze, double merged, OptionalDouble cdcLagSeconds,
        OptionalDouble freshnessSeconds, List<ParkedTable> parked, boolean caughtUp) {

    /** What the status line's figures mean, printed once above them. */
    static final String LEGEND = String.join("\n",
            "written: row changes the simulator committed | captured: change events cdc-engine had acknowledged by Kafka",
            "(the initial snapshot included) | bronze: changes appended to the changelog | merged: silver rows written;",
            "merged stays below bronze because each micro-batch folds the changes of one key into one MERGE (the last",
            "change per key wins) | cdc lag: commit to Kafka | freshness: p99 over the last minute of commit to silver,",
            "\"caught up\" when the lake is idle and has applied the newest captured change.");

    PipelineFigures(double written, double captured, double bronze, double merged, OptionalDouble cdcLagSeconds,
            OptionalDouble freshnessSeconds, List<ParkedTable> parked) {
        this(written, captured, bronze, merged, cdcLagSeconds, freshnessSeconds, parked, false);
    }

    static final PipelineFigures NONE = new PipelineFigures(0, 0, 0, 0, OptionalDouble.empty(), OptionalDouble.empty(),
            List.of(), false);

    PipelineFigures {
        parked = List.copyOf(parked);
    }

    static PipelineFigures of(PrometheusText simulator, PrometheusText cdc, PrometheusText lake, PipelineFigures last) {
        return of(simulator, cdc, lake, last, System.currentTimeMillis() / 1e3);
    }

    static PipelineFigures of(PrometheusText simulator, PrometheusText cdc, PrometheusText lake, PipelineFigures last,
            double nowEpochSeconds) {
        double written = simulator.isEmpty() ? last.written() : simulator.sum(MetricNames.Simulator.CHANGES_TOTAL);
        double captured = cdc.isEmpty() ? last.captured() : cdc.sum(MetricNames.Cdc.EVENTS_TOTAL);
        OptionalDouble lag = cdc.isEmpty() ? last.cdcLagSeconds() : positive(cdc.value(MetricNames.Cdc.LAG_SECONDS));
        double bronze = lake.isEmpty() ? last.bronze() : lake.sum(MetricNames.Lakehouse.BRONZE_ROWS_TOTAL);
        double merged = lake.isEmpty() ? last.merged() : lake.sum(MetricNames.Lakehouse.ROWS_MERGED_TOTAL);
        OptionalDouble fresh = lake.isEmpty() ? last.freshnessSeconds() : freshness(lake);
        List<ParkedTable> parked = new ArrayList<>(parkedBy(Pipeline.CDC_ENGINE, cdc, last));
        parked.addAll(parkedBy(Pipeline.LAKEHOUSE_JOB, lake, last));
        boolean caughtUp = lake.isEmpty() || cdc.isEmpty() ? last.caughtUp() : LakeFreshness.caughtUp(lake, cdc, nowEpochSeconds);
        return new PipelineFigures(written, captured, bronze, merged, lag, fresh, parked, caughtUp);
    }

    /**
     * The p99 freshness of the changes the lake made visible in the last minute, measured per change; when none
     * was applied in that minute, how long ago the newest applied change was committed (it grows while idle).
     */
    static OptionalDouble freshness(PrometheusText lake) {
        Double measured = lake.sumBy(MetricNames.Lakehouse.CHANGE_FRESHNESS_RECENT_SECONDS, MetricLabels.QUANTILE).get("0.99");
        return measured != null ? OptionalDouble.of(measured) : positive(lake.max(MetricNames.Lakehouse.FRESHNESS_SECONDS));
    }

    private static List<ParkedTable> parkedBy(String stage, PrometheusText metrics, PipelineFigures last) {
        return metrics.isEmpty() ? last.parked().stream().filter(p -> p.stage().equals(stage)).toList()
                : ParkedTable.of(stage, metrics);
    }

    private static OptionalDouble positive(OptionalDouble v) {
        return v.isPresent() && v.getAsDouble() >= 0 ? v : OptionalDouble.empty();
    }

    /** One status line: totals and rates since {@code previous}, {@code seconds} ago, then the parked tables if any. */
    String line(long elapsedSeconds, PipelineFigures previous, double seconds) {
        String parkedPart = parked.isEmpty() ? ""
                : " | PARKED " + String.join(", ", parked.stream().map(ParkedTable::brief).toList());
        return String.format(Locale.ROOT,
                "[%4ds] written %,9.0f (%5.0f/s) | captured %,9.0f (%5.0f/s) | bronze %,9.0f | merged %,9.0f (%5.0f/s) | cdc lag %s | freshness %s",
                elapsedSeconds, written, rate(written, previous.written(), seconds), captured,
                rate(captured, previous.captured(), seconds), bronze, merged, rate(merged, previous.merged(), seconds),
                seconds(cdcLagSeconds), caughtUp ? LakeFreshness.CAUGHT_UP : seconds(freshnessSeconds)) + parkedPart;
    }

    private static double rate(double now, double before, double seconds) {
        return seconds <= 0 ? 0 : Math.max(0, now - before) / seconds;
    }

    private static String seconds(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.1f s", v.getAsDouble()) : "-";
    }

    /** Captured changes per table from cdc-engine's {@code tributary_cdc_events_total{table}} ("shop.orders" -> "orders"). */
    static Map<String, Long> capturedByTable(PrometheusText cdc) {
        Map<String, Long> result = new TreeMap<>();
        cdc.sumBy(MetricNames.Cdc.EVENTS_TOTAL, MetricLabels.TABLE).forEach((table, n) ->
                result.merge(table.substring(table.lastIndexOf('.') + 1), Math.round(n), Long::sum));
        return result;
    }
}
