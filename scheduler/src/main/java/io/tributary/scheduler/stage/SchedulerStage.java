package io.tributary.scheduler.stage;

import io.tributary.runtime.Health;
import io.tributary.runtime.StageHttpServer;
import io.tributary.runtime.StageLifecycle;
import io.tributary.scheduler.config.SchedulerConfig;
import io.tributary.scheduler.job.ChildProcessJob;
import io.tributary.scheduler.job.JobLauncher;
import io.tributary.scheduler.store.JobRunStore;
import io.tributary.scheduler.store.QuartzStore;
import io.tributary.scheduler.store.SchedulerSchema;
import io.tributary.scheduler.store.StoredSchedule;
import java.time.Duration;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler stage: the tables of schema scheduler, the jobs and schedules in Quartz's store, a clustered Quartz
 * node that runs them, {@code /metrics} and {@code /health}; until SIGTERM. On stop, runs in progress are stopped and
 * recorded as interrupted.
 */
public final class SchedulerStage {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerStage.class);
    /** Exit codes: stopped on request, or failed (the log's last lines say why). */
    public static final int STOPPED = 0;
    public static final int FAILED = 1;

    private final SchedulerConfig config;
    private final StageLifecycle lifecycle = new StageLifecycle("scheduler");
    private final SchedulerMetrics metrics = new SchedulerMetrics();
    private volatile Scheduler quartz;

    public SchedulerStage(SchedulerConfig config) {
        this.config = config;
    }

    /** Runs until stopped; returns the exit code. */
    public int run() {
        Thread hook = new Thread(this::stopFromHook, "scheduler-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StageHttpServer http = null;
        try {
            LOG.info("scheduler starts: store {} (schema scheduler), zone {}, data dir {}", config.login(), config.zone(),
                    config.dataDir());
            SchedulerSchema.apply(config.login());
            quartz = QuartzStore.node(config);
            JobLauncher launcher = new JobLauncher(config);
            JobRunStore runs = new JobRunStore(config.login());
            quartz.setJobFactory((bundle, scheduler) -> new ChildProcessJob(launcher, runs, config.zone(), metrics));
            StoredSchedule.apply(quartz, config.schedule(), config.zone());
            quartz.start();
            if (config.metricsPort() > 0) {
                http = StageHttpServer.builder("scheduler").bind(config.metricsHost(), config.metricsPort())
                        .bindHint("set TRIBUTARY_SCHEDULER_METRICS_PORT to a free port (0: off)")
                        .metrics(metrics::render).health(this::health).start();
            }
            if (lifecycle.running()) {
                LOG.info("scheduler runs as {} in cluster {}", quartz.getSchedulerInstanceId(), QuartzStore.SCHEDULER_NAME);
                lifecycle.awaitStopRequest();
            }
            stopQuartz();
            closeQuietly(http);
            // logged before the end is reported: once it is, the shutdown hook returns and the JVM may halt
            LOG.info("scheduler stopped");
            lifecycle.ended();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuartzQuietly();
            closeQuietly(http);
            lifecycle.requestStop(e);
            lifecycle.ended();
        } catch (Exception e) {
            LOG.error("scheduler failed", e);
            stopQuartzQuietly();
            closeQuietly(http);
            lifecycle.failed(e);
        }
        return lifecycle.failure().isPresent() ? FAILED : STOPPED;
    }

    Health health() {
        Scheduler q = quartz;
        try {
            if (lifecycle.state() == StageLifecycle.State.RUNNING && q != null && q.isStarted() && !q.isShutdown()) {
                return Health.up("UP instance=" + q.getSchedulerInstanceId() + " running="
                        + q.getCurrentlyExecutingJobs().size());
            }
        } catch (SchedulerException e) {
            return Health.down("DOWN " + e.getMessage());
        }
        return Health.down(lifecycle.toString());
    }

    /** Stops taking runs, stops the runs in progress here (recorded as interrupted) and waits for them to be recorded. */
    private void stopQuartz() throws SchedulerException {
        Scheduler q = quartz;
        if (q == null) {
            return;
        }
        q.standby();
        for (JobExecutionContext running : q.getCurrentlyExecutingJobs()) {
            LOG.info("stopping the run of {} in progress", running.getJobDetail().getKey().getName());
            q.interrupt(running.getFireInstanceId());
        }
        q.shutdown(true);
    }

    private void stopQuartzQuietly() {
        try {
            stopQuartz();
        } catch (Exception e) {
            LOG.warn("stopping Quartz failed", e);
        }
    }

    private static void closeQuietly(StageHttpServer http) {
        if (http != null) {
            http.close();
        }
    }

    private void stopFromHook() {
        if (lifecycle.requestStop(null)) {
            LOG.info("scheduler stops (signal)");
        }
        try {
            lifecycle.awaitEnd(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
