package io.tributary.scheduler.cli;

import io.tributary.scheduler.SchedulerMain;
import io.tributary.scheduler.job.RunRequest;
import io.tributary.scheduler.job.ScheduledJob;
import io.tributary.scheduler.store.JobRun;
import io.tributary.scheduler.store.RunOutcome;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a job now through the scheduler's store: a running scheduler takes the request (only one",
                "does, and never while the same job runs), the run is recorded in scheduler.job_runs like a scheduled",
                "one. Waits for its end and prints how it went; exit code 0 when it succeeded, 1 otherwise."})
public final class RunCommand extends RunRequestCommand {
    @Parameters(index = "0", paramLabel = "JOB", description = "daily-sales, validate or maintain.")
    String job;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The day a daily job works on (daily-sales, validate).")
    String date;

    @Override
    public Integer call() throws Exception {
        ScheduledJob scheduled = ScheduledJob.named(job);
        LocalDate day = date == null ? null : DateOption.parse("--date", date);
        if (scheduled.dated() && day == null) {
            throw new IllegalArgumentException(scheduled.id() + " works on one day: give it --date YYYY-MM-DD");
        }
        if (!scheduled.dated() && day != null) {
            throw new IllegalArgumentException(scheduled.id() + " works on the whole lake, not on a day: leave out --date");
        }
        return withWaiter((waiter, out) -> {
            out.println("Requested " + scheduled.id() + (day == null ? "" : " for " + day) + "; waiting for a scheduler ...");
            out.flush();
            JobRun run = waiter.run(scheduled, RunRequest.of(day, "run"));
            report(out, run);
            return run.outcome() == RunOutcome.SUCCEEDED ? 0 : SchedulerMain.RUN_FAILED;
        });
    }
}
