package io.tributary.scheduler.job;

import io.tributary.contracts.stage.StageEnvironment;
import io.tributary.contracts.stage.StageMain;
import io.tributary.scheduler.config.SchedulerConfig;
import io.tributary.stack.JdbcDriverJar;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.ModuleLaunch;
import io.tributary.stack.ProjectRoot;
import io.tributary.stack.SparkJvmOptions;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job as a child JVM the way the local stack launches a stage ({@link ModuleLaunch}, {@link ManagedProcess}):
 * lakehouse-job's classpath (or TRIBUTARY_SCHEDULER_JOB_CLASSPATH) plus the PostgreSQL driver, Spark's Java 17
 * options, this process's environment, its own scratch dir; its output appended to {@code <data dir>/logs/<job>.log}.
 */
public final class JobLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(JobLauncher.class);
    static final int LAST_LINES = 20;
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(500);

    private final SchedulerConfig config;

    public JobLauncher(SchedulerConfig config) {
        this.config = config;
    }

    /**
     * How a run ended.
     *
     * @param exitCode the process's exit code (-1 when none could be read)
     */
    public record Result(int exitCode, boolean timedOut, boolean interrupted, String lastLines, Path log) {
    }

    /** The launch of {@code job} for {@code date}: main class, arguments, JVM options and the variables it adds. */
    ModuleLaunch launch(ScheduledJob job, LocalDate date) {
        List<String> jvm = new ArrayList<>(config.jobJvmOptions());
        jvm.add("-Duser.timezone=UTC");
        jvm.addAll(SparkJvmOptions.get());
        Map<String, String> env = new HashMap<>();
        env.put(StageEnvironment.Lakehouse.DATA_DIR, config.dataDir().resolve("jobs").resolve(job.id()).toString());
        if (job.dated()) {
            // a batch job serves no /metrics; maintain keeps the lakehouse job's port: it asks the running job to do it
            env.put(StageEnvironment.Lakehouse.METRICS_PORT, "-1");
        }
        return ModuleLaunch.of(StageMain.LAKEHOUSE_JOB.module(), config.jobMain(), job.arguments(date), env, jvm)
                .named(job.id());
    }

    /** The jobs' classpath: the configured one, else lakehouse-job's of the source tree; then the JDBC driver. */
    String classpath() {
        String base = config.jobClasspath().isBlank()
                ? ModuleLaunch.of(StageMain.LAKEHOUSE_JOB.module(), config.jobMain(), List.of(), Map.of(), List.of())
                        .classpath(ProjectRoot.require())
                : config.jobClasspath();
        return base + File.pathSeparator + JdbcDriverJar.path();
    }

    /** Runs {@code job} to its end, its timeout, or until {@code stopAsked} says so (asked twice a second). */
    public Result run(ScheduledJob job, LocalDate date, BooleanSupplier stopAsked) throws IOException {
        Path log = config.dataDir().resolve("logs").resolve(job.id() + ".log");
        Path tmp = config.dataDir().resolve("tmp");
        Files.createDirectories(tmp);
        Files.createDirectories(log.getParent());
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        ManagedProcess process = ManagedProcess.start(launch(job, date).processSpec(classpath(), config.dataDir(), tmp,
                log, Map.of()), false);
        long deadline = System.nanoTime() + config.jobTimeout().toNanos();
        boolean timedOut = false;
        boolean interrupted = false;
        while (!process.waitFor(POLL)) {
            if (stopAsked.getAsBoolean()) {
                interrupted = true;
            } else if (System.nanoTime() > deadline) {
                timedOut = true;
            } else {
                continue;
            }
            LOG.warn("stopping {} (pid {}): {}", job.id(), process.pid(), timedOut ? "it ran longer than "
                    + config.jobTimeout() : "the scheduler stops");
            process.stop(STOP_GRACE);
            break;
        }
        return new Result(exitCodeOf(process), timedOut, interrupted, LastLines.of(writtenSince(log, logStart), LAST_LINES),
                log);
    }

    /** The exit code of a process that has ended (the JDK may record it a moment after the exit is seen); -1 if none. */
    private static int exitCodeOf(ManagedProcess process) {
        for (int attempt = 0; attempt < 100; attempt++) {
            OptionalInt code = process.exitCode();
            if (code.isPresent()) {
                return code.getAsInt();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return -1;
    }

    /** What the run appended to {@code log}: its part of the file, from {@code start} on. */
    private static String writtenSince(Path log, long start) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(Math.min(start, Files.size(log)));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
