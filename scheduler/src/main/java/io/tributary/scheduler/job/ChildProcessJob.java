package io.tributary.scheduler.job;

import io.tributary.scheduler.store.JobRunStore;
import io.tributary.scheduler.store.RunOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job of every scheduled job: works out the day (the request's, or the day that just ended before the
 * trigger's time), records the start in {@code scheduler.job_runs}, runs the job's process and records how it ended.
 * One run per job at a time across every scheduler of the store ({@link DisallowConcurrentExecution}).
 */
@DisallowConcurrentExecution
public final class ChildProcessJob implements InterruptableJob {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcessJob.class);

    private final JobLauncher launcher;
    private final JobRunStore runs;
    private final ZoneId zone;
    private final RunListener listener;
    private volatile boolean stopAsked;

    /** What the stage's metrics hear of runs. */
    public interface RunListener {
        void started(ScheduledJob job);

        void ended(ScheduledJob job, RunOutcome outcome, Instant at);
    }

    public ChildProcessJob(JobLauncher launcher, JobRunStore runs, ZoneId zone, RunListener listener) {
        this.launcher = launcher;
        this.runs = runs;
        this.zone = zone;
        this.listener = listener;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        ScheduledJob job = ScheduledJob.named(context.getJobDetail().getKey().getName());
        Optional<RunRequest> request = RunRequest.from(context.getMergedJobDataMap().getWrappedMap());
        Instant due = context.getScheduledFireTime().toInstant();
        LocalDate date = !job.dated() ? null
                : request.map(RunRequest::date).orElseGet(() -> ScheduledJob.dayJustEnded(due, zone));
        String requestedBy = request.map(RunRequest::requestedBy).orElse("schedule")
                + (context.isRecovering() ? " (recovered)" : "");
        String instance = instanceOf(context);
        String what = date == null ? job.id() : job.id() + " " + date;
        long runId;
        try {
            int leftovers = runs.interruptLeftovers(job.id(), Instant.now());
            if (leftovers > 0) {
                LOG.warn("{} run(s) of {} were still recorded as running: their scheduler stopped or died; marked"
                        + " interrupted", leftovers, job.id());
            }
            runId = runs.started(job.id(), date, requestedBy, request.map(RunRequest::id).orElse(null), due,
                    Instant.now(), instance);
        } catch (Exception e) {
            // not recorded, not run: said in the log; `schedule run` runs it once PostgreSQL answers again
            LOG.error("{} does not run: its start cannot be recorded in scheduler.job_runs", what, e);
            throw new JobExecutionException("Cannot record the start of " + what + " in scheduler.job_runs: "
                    + e.getMessage(), e, false);
        }
        LOG.info("{} starts (run {}, requested by {}, due {})", what, runId, requestedBy, due);
        listener.started(job);
        RunOutcome outcome = RunOutcome.INTERRUPTED;
        Integer exitCode = null;
        String lastLines = null;
        try {
            JobLauncher.Result result = launcher.run(job, date, () -> stopAsked);
            exitCode = result.exitCode();
            lastLines = result.lastLines();
            outcome = result.interrupted() ? RunOutcome.INTERRUPTED
                    : result.timedOut() ? RunOutcome.TIMED_OUT : RunOutcome.ofExitCode(result.exitCode());
            if (outcome == RunOutcome.SUCCEEDED) {
                LOG.info("{} succeeded (run {})", what, runId);
            } else {
                LOG.warn("{} {} (run {}, exit code {}); the last lines of {}:\n{}", what, outcome.text(), runId,
                        exitCode, result.log(), lastLines);
            }
        } catch (Exception e) {
            outcome = RunOutcome.FAILED;
            lastLines = "the scheduler could not run it: " + e;
            LOG.error("{} could not run (run {})", what, runId, e);
        } finally {
            Instant end = Instant.now();
            listener.ended(job, outcome, end);
            try {
                runs.ended(runId, end, exitCode, outcome, lastLines);
            } catch (Exception e) {
                LOG.error("Cannot record the end of run {} ({} {}) in scheduler.job_runs", runId, what, outcome.text(), e);
            }
        }
    }

    @Override
    public void interrupt() {
        stopAsked = true;
    }

    private static String instanceOf(JobExecutionContext context) {
        try {
            return context.getScheduler().getSchedulerInstanceId();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
