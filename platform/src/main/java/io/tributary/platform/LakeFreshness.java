package io.tributary.platform;

import io.tributary.contracts.metrics.MetricLabels;
import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import java.util.OptionalDouble;

/**
 * Whether the lake is idle and caught up: nothing was applied in the last minute (so no measured p99), and the newest
 * source commit the lake applied is at least as new as the newest change cdc-engine captured. Then the freshness gauge
 * (now minus the newest applied commit) only measures how long nothing happened, and people are told "caught up"
 * instead of a number that grows by the second. Pure.
 */
final class LakeFreshness {
    static final String CAUGHT_UP = "caught up";
    /** both stages read the same commit time (source.ts_ms); the CLI reads the lake a few ms after it answered */
    private static final double SLACK_SECONDS = 0.01;

    private LakeFreshness() {
    }

    static boolean caughtUp(PrometheusText lake, PrometheusText cdc, double nowEpochSeconds) {
        if (lake.isEmpty() || cdc.isEmpty()) {
            return false;
        }
        boolean appliedLastMinute = lake.sumBy(MetricNames.Lakehouse.CHANGE_FRESHNESS_RECENT_SECONDS, MetricLabels.QUANTILE)
                .containsKey("0.99");
        OptionalDouble captured = cdc.value(MetricNames.Cdc.LAST_SOURCE_TIMESTAMP_SECONDS);
        OptionalDouble sinceNewestApplied = lake.named(MetricNames.Lakehouse.FRESHNESS_SECONDS)
                .mapToDouble(PrometheusText.Sample::value).filter(v -> v >= 0).min();
        if (appliedLastMinute || captured.isEmpty() || captured.getAsDouble() < 0 || sinceNewestApplied.isEmpty()) {
            return false;
        }
        double newestApplied = nowEpochSeconds - sinceNewestApplied.getAsDouble();
        return newestApplied + SLACK_SECONDS >= captured.getAsDouble();
    }
}
