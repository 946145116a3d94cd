package io.tributary.stack;

/**
 * The heap each pipeline stage runs with, in one place: the platform's {@code Pipeline} launches the stages with these
 * and the benchmarks measure them with the same, so a figure in docs/BENCHMARKS.md is the stack users run.
 * Sized from the benchmarks' GC logs (heap live after a collection, docs/BENCHMARKS.md "Resources"): cdc-engine keeps
 * at most ~250 MB live, the lakehouse job ~190-250 MB after a collection at 1k changes/s. Each constant is one
 * string as {@code JAVA_TOOL_OPTIONS} takes it (docker-compose.yml uses the same); {@link #options} splits it.
 *
 * <p>The lakehouse job runs with a 640 MB heap, the serial collector and a 128 MB code cache: at 1k changes/s its
 * peak PSS fell from 1,681 to 1,287 MiB against -Xmx1g with G1, and it applied more (920 vs 882 changes/s; on two
 * cores G1's concurrent threads compete with Spark's tasks) (docs/benchmarks/ANALYSIS.md, 2026-12-07).
 */
public final class StageHeaps {
    public static final String CDC_ENGINE = "-Xmx384m";
    public static final String LAKEHOUSE_JOB = "-Xmx640m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=128m";
    public static final String SIMULATOR_LOAD = "-Xmx512m";
    public static final String SIMULATOR = "-Xmx256m";
    /** Quartz and a child process per run: the jobs' own heaps are TRIBUTARY_SCHEDULER_JOB_JVM_OPTIONS */
    public static final String SCHEDULER = "-Xmx128m";

    /** The JVM options of one of the constants above, one argument each. */
    public static java.util.List<String> options(String jvm) {
        return java.util.List.of(jvm.trim().split("\\s+"));
    }

    private StageHeaps() {
    }
}
