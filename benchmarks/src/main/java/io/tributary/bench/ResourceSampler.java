package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples peak memory and CPU seconds of each service (a process and its descendants, e.g. PostgreSQL's backends)
 * from /proc once a second. Memory is the proportional set size (PSS) summed over the process tree, so PostgreSQL's
 * shared buffers count once, not once per backend; where smaps_rollup is unreadable, RSS. A service started again
 * (cdc-engine is started once per benchmark) keeps its peak over all its processes and adds up their CPU seconds.
 */
public final class ResourceSampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceSampler.class);
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    /** What one service used while it was watched. */
    public record Usage(String service, long pid, long peakBytes, double cpuSeconds, double watchedSeconds) {
    }

    private static final class Watched {
        final String name;
        final long pid;
        final long startNanos = System.nanoTime();
        long lastNanos = startNanos;
        double firstCpu = Double.NaN;
        double lastCpu = Double.NaN;
        long peakBytes;
        /** CPU seconds and watched seconds of earlier processes of the same service (restarted for another benchmark). */
        double earlierCpu;
        double earlierSeconds;

        Watched(String name, long pid) {
            this.name = name;
            this.pid = pid;
        }
    }

    private final Map<String, Watched> watched = new LinkedHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "resource-sampler");
        t.setDaemon(true);
        return t;
    });

    public ResourceSampler() {
        timer.scheduleAtFixedRate(this::sampleAll, 0, 1, TimeUnit.SECONDS);
    }

    /** Starts watching a service; a later call with the same name replaces it (a restarted process). */
    public synchronized void watch(String service, long pid) {
        Watched w = new Watched(service, pid);
        Watched before = watched.get(service);
        if (before != null) {
            sample(before);
            w.peakBytes = before.peakBytes;
            w.earlierCpu = before.earlierCpu + cpuOf(before);
            w.earlierSeconds = before.earlierSeconds + (before.lastNanos - before.startNanos) / 1e9;
        }
        sample(w);
        watched.put(service, w);
    }

    private static double cpuOf(Watched w) {
        return Double.isNaN(w.lastCpu) ? 0 : w.lastCpu - w.firstCpu;
    }

    public synchronized List<Usage> usage() {
        sampleAll();
        List<Usage> out = new ArrayList<>();
        for (Watched w : watched.values()) {
            out.add(new Usage(w.name, w.pid, w.peakBytes, w.earlierCpu + cpuOf(w),
                    w.earlierSeconds + (w.lastNanos - w.startNanos) / 1e9));
        }
        return out;
    }

    private synchronized void sampleAll() {
        try {
            watched.values().forEach(ResourceSampler::sample);
        } catch (RuntimeException e) {
            LOG.warn("Resource sample failed: {}", e.toString());
        }
    }

    private static void sample(Watched w) {
        ProcessHandle root = ProcessHandle.of(w.pid).orElse(null);
        if (root == null || !root.isAlive()) {
            return;
        }
        List<Long> pids = new ArrayList<>();
        pids.add(w.pid);
        root.descendants().forEach(d -> pids.add(d.pid()));
        long bytes = 0;
        double cpuTicks = 0;
        for (long pid : pids) {
            Path proc = Path.of("/proc", Long.toString(pid));
            try {
                ProcStat.CpuTicks t = ProcStat.cpu(Files.readString(proc.resolve("stat")));
                cpuTicks += pid == w.pid ? t.withReapedChildren() : t.own();
                long pss = readPss(proc);
                bytes += pss >= 0 ? pss : ProcStat.kilobytesField(Files.readString(proc.resolve("status")), "VmRSS");
            } catch (IOException | RuntimeException e) {
                // the process exited between listing and reading: it no longer uses anything
            }
        }
        double cpu = cpuTicks / TICKS_PER_SECOND;
        if (Double.isNaN(w.firstCpu)) {
            w.firstCpu = cpu;
        }
        w.lastCpu = Math.max(Double.isNaN(w.lastCpu) ? cpu : w.lastCpu, cpu);
        w.peakBytes = Math.max(w.peakBytes, bytes);
        w.lastNanos = System.nanoTime();
    }

    private static long readPss(Path proc) {
        try {
            return ProcStat.kilobytesField(Files.readString(proc.resolve("smaps_rollup")), "Pss");
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
