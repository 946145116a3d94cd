package io.tributary.bench;

import java.util.ArrayList;
import java.util.List;

/** Everything one benchmark run produced: the machine, the mode, each benchmark, the resources. */
public final class RunReport {
    public String mode;
    public String startedAt;
    public double durationSeconds;
    public Machine machine;
    public String command;
    public List<BenchmarkResult> benchmarks = new ArrayList<>();

    /** The machine the figures come from. */
    public record Machine(int cores, long memoryBytes, String jdk, String os, String cpuModel, String loadAverageAtStart) {
    }
}
