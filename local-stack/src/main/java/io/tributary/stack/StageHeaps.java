package io.tributary.stack;

/**
 * The heap each pipeline stage runs with, in one place: the platform's {@code Pipeline} launches the stages with these
 * and the benchmarks measure them with the same, so a figure in docs/BENCHMARKS.md is the stack users run.
 * Sized from the benchmarks' GC logs (heap live after a collection, docs/BENCHMARKS.md "Resources"): cdc-engine keeps
 * at most ~250 MB live, the lakehouse job at most ~580 MB.
 */
public final class StageHeaps {
    public static final String CDC_ENGINE = "-Xmx384m";
    public static final String LAKEHOUSE_JOB = "-Xmx1g";
    public static final String SIMULATOR_LOAD = "-Xmx512m";
    public static final String SIMULATOR = "-Xmx256m";

    private StageHeaps() {
    }
}
