package io.tributary.bench;

import java.time.Duration;
import java.util.List;

/**
 * Sizes of one run: {@code full} (the figures of docs/BENCHMARKS.md) or {@code quick} (a smoke run). {@code shared}:
 * the benchmarks run at once, the capture contenders side by side and one Spark JVM serving every benchmark
 * ({@link SharedLake}), which makes the run short and its figures meaningless as measurements. {@code goldRun}: how
 * long the simulator runs for the gold serving benchmark (zero: left out).
 */
public record BenchMode(String name, int captureChanges, int initialLoadRows, List<Integer> endToEndRates,
                        Duration endToEndStep, int applyBatch, boolean shared, Duration drainLimit, Duration goldRun) {

    public static BenchMode full() {
        return new BenchMode("full", 200_000, 1_000_000, List.of(1_000, 5_000, 10_000, 20_000), Duration.ofMinutes(3),
                100_000, false, Duration.ofMinutes(2), Duration.ofMinutes(6));
    }

    public static BenchMode quick() {
        // drain: a loaded machine starts cdc-engine in 60-90 s, and the quick step does not wait for it
        return new BenchMode("quick", 10_000, 10_000, List.of(1_000), Duration.ofSeconds(10), 100_000, true,
                Duration.ofSeconds(90), Duration.ZERO);
    }

    BenchMode withRates(List<Integer> rates) {
        return new BenchMode(name, captureChanges, initialLoadRows, List.copyOf(rates), endToEndStep, applyBatch, shared,
                drainLimit, goldRun);
    }
}
