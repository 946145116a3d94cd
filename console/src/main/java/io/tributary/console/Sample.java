package io.tributary.console;

import java.util.OptionalDouble;

/**
 * One reading of the pipeline's /metrics, taken by the console every few seconds: the counters (changes written by
 * the simulator, captured by cdc-engine, appended to bronze and merged into silver by the lakehouse job), the CDC
 * lag and the lake's freshness in seconds (empty when not measured yet).
 *
 * @param epochMillis when the reading was taken
 */
public record Sample(long epochMillis, double written, double captured, double bronze, double merged,
        OptionalDouble cdcLagSeconds, OptionalDouble freshnessSeconds) {
}
