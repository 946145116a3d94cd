package io.tributary.scheduler.cli;

import io.tributary.scheduler.job.RunRequest;
import io.tributary.scheduler.job.ScheduledJob;
import io.tributary.scheduler.store.JobRun;
import io.tributary.scheduler.store.JobRunStore;
import io.tributary.scheduler.store.StoredSchedule;
import java.time.Duration;
import java.util.Optional;
import org.quartz.Scheduler;

/**
 * Runs a job through the store: adds the request (one run, whichever scheduler takes it), waits until a scheduler has
 * started it and then until it ended, and returns its record. A request no scheduler took in time is withdrawn.
 */
final class RunWaiter {
    private static final Duration POLL = Duration.ofMillis(500);

    private final Scheduler client;
    private final JobRunStore runs;
    private final Duration startTimeout;
    private final Duration runTimeout;

    RunWaiter(Scheduler client, JobRunStore runs, Duration startTimeout, Duration runTimeout) {
        this.client = client;
        this.runs = runs;
        this.startTimeout = startTimeout;
        this.runTimeout = runTimeout;
    }

    JobRun run(ScheduledJob job, RunRequest request) throws Exception {
        String what = request.date() == null ? job.id() : job.id() + " " + request.date();
        StoredSchedule.request(client, job, request);
        long start = System.nanoTime();
        Optional<JobRun> run = Optional.empty();
        while (run.isEmpty()) {
            if (System.nanoTime() - start > startTimeout.toNanos() && StoredSchedule.withdraw(client, request)) {
                throw new IllegalStateException("no scheduler started " + what + " within " + startTimeout.toSeconds()
                        + " s, so the request was withdrawn: is a scheduler running? `tributary status` shows it,"
                        + " `tributary up` starts one; `tributary logs scheduler` says why one stopped");
            }
            Thread.sleep(POLL.toMillis());
            run = runs.ofRequest(request.id());
        }
        long deadline = System.nanoTime() + runTimeout.toNanos();
        while (!run.get().outcome().ended()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " (run " + run.get().id() + ") still runs after "
                        + runTimeout.toMinutes() + " min; `tributary schedule list` shows when it ends");
            }
            Thread.sleep(POLL.toMillis());
            run = runs.ofRequest(request.id());
        }
        return run.get();
    }
}
