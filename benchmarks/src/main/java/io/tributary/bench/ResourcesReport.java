package io.tributary.bench;

import java.util.List;
import java.util.Locale;

/** Benchmark 7: peak memory and CPU seconds of each service over the whole run. */
final class ResourcesReport {

    static final double STACK_TARGET_GIB = 3.0;
    static final double LAKE_TARGET_GIB = 1.0;
    private static final String LAKEHOUSE_JOB = "lakehouse-job";

    private ResourcesReport() {
    }

    static BenchmarkResult of(List<ResourceSampler.Usage> usage) {
        BenchmarkResult r = new BenchmarkResult("resources", "7. Resources per service",
                "peak memory (PSS summed over the process and its children, sampled every second from /proc) and CPU"
                        + " seconds used while watched");
        r.tableHeader.addAll(List.of("service", "last pid", "peak memory (MiB)", "CPU seconds", "watched (s)",
                "average cores"));
        double stackPeak = 0;
        for (ResourceSampler.Usage u : usage) {
            r.tableRows.add(List.of(u.service(), Long.toString(u.pid()),
                    String.format(Locale.ROOT, "%,.0f", u.peakBytes() / 1024.0 / 1024),
                    String.format(Locale.ROOT, "%.1f", u.cpuSeconds()),
                    String.format(Locale.ROOT, "%.0f", u.watchedSeconds()),
                    String.format(Locale.ROOT, "%.2f", u.watchedSeconds() > 0 ? u.cpuSeconds() / u.watchedSeconds() : 0)));
            if (!u.service().contains("peer") && !u.service().contains("baseline")) {
                stackPeak += u.peakBytes();
            }
        }
        r.targets.add(new BenchmarkResult.TargetCheck("whole local stack under 3 GiB (sum of the services' peaks, GiB)",
                STACK_TARGET_GIB, stackPeak / 1024.0 / 1024 / 1024, false));
        usage.stream().filter(u -> u.service().equals(LAKEHOUSE_JOB)).findFirst().ifPresent(u -> r.targets.add(
                new BenchmarkResult.TargetCheck("lakehouse job's peak at most 1 GiB (GiB)", LAKE_TARGET_GIB,
                        u.peakBytes() / 1024.0 / 1024 / 1024, false)));
        r.notes.add("The sum of per-service peaks over-states the simultaneous peak (the peaks need not coincide), so"
                + " the target check is conservative. The raw Debezium baseline runs inside the benchmark JVM and is"
                + " not listed; the Kafka Connect peer and the plain-append baseline are listed but not counted in the stack.");
        return r;
    }
}
