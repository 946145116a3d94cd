package io.tributary.bench;

import java.time.Duration;
import java.util.List;

/** Sizes of one run: {@code full} (the figures of docs/BENCHMARKS.md) or {@code quick} (a smoke run). */
public record BenchMode(String name, int captureChanges, int initialLoadRows, List<Integer> endToEndRates,
                        Duration endToEndStep, int applyBatch) {

    public static BenchMode full() {
        return new BenchMode("full", 200_000, 1_000_000, List.of(1_000, 5_000, 10_000, 20_000), Duration.ofMinutes(3),
                100_000);
    }

    public static BenchMode quick() {
        return new BenchMode("quick", 10_000, 10_000, List.of(1_000), Duration.ofSeconds(15), 100_000);
    }
}
