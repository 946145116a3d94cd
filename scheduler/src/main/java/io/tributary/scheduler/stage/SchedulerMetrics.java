package io.tributary.scheduler.stage;

import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusWriter;
import io.tributary.scheduler.job.ChildProcessJob;
import io.tributary.scheduler.job.ScheduledJob;
import io.tributary.scheduler.store.RunOutcome;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** What this scheduler process ran, for {@code /metrics}: runs by job and outcome, what runs now, the last ends. */
public final class SchedulerMetrics implements ChildProcessJob.RunListener {
    private final Map<ScheduledJob, Map<RunOutcome, Long>> runs = new EnumMap<>(ScheduledJob.class);
    private final Map<ScheduledJob, Boolean> running = new EnumMap<>(ScheduledJob.class);
    private final Map<ScheduledJob, Instant> lastEnd = new EnumMap<>(ScheduledJob.class);

    @Override
    public synchronized void started(ScheduledJob job) {
        running.put(job, true);
    }

    @Override
    public synchronized void ended(ScheduledJob job, RunOutcome outcome, Instant at) {
        running.put(job, false);
        runs.computeIfAbsent(job, j -> new EnumMap<>(RunOutcome.class)).merge(outcome, 1L, Long::sum);
        lastEnd.put(job, at);
    }

    /** Prometheus text: every job and every final outcome appear from the start (0 until it happens). */
    public synchronized String render() {
        PrometheusWriter w = new PrometheusWriter();
        w.family(MetricNames.Scheduler.RUNS_TOTAL, "counter", "Runs this scheduler ran to their end, by job and outcome.");
        for (ScheduledJob job : ScheduledJob.values()) {
            for (RunOutcome outcome : RunOutcome.values()) {
                if (outcome.ended()) {
                    w.sample(MetricNames.Scheduler.RUNS_TOTAL, runs.getOrDefault(job, Map.of()).getOrDefault(outcome, 0L),
                            "job", job.id(), "outcome", outcome.text());
                }
            }
        }
        w.family(MetricNames.Scheduler.RUNNING, "gauge", "1 while this scheduler runs the job.");
        for (ScheduledJob job : ScheduledJob.values()) {
            w.sample(MetricNames.Scheduler.RUNNING, running.getOrDefault(job, false) ? 1 : 0, "job", job.id());
        }
        w.family(MetricNames.Scheduler.LAST_RUN_END_SECONDS, "gauge", "End of the job's last run here, Unix seconds (0: none).");
        for (ScheduledJob job : ScheduledJob.values()) {
            Instant end = lastEnd.get(job);
            w.sample(MetricNames.Scheduler.LAST_RUN_END_SECONDS, end == null ? 0 : end.getEpochSecond(), "job", job.id());
        }
        return w.toString();
    }
}
