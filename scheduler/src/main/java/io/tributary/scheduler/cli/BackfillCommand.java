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

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Run a daily job for every day from --from to --to, oldest first, one run after the other through",
                "the scheduler's store (each recorded like `run`). Stops at the first day whose run does not succeed,",
                "saying which days are done and how to go on; exit code 0 when every day succeeded, 1 otherwise."})
public final class BackfillCommand extends RunRequestCommand {
    @Parameters(index = "0", paramLabel = "JOB", description = "daily-sales or validate.")
    String job;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "The first day.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "The last day (included).")
    String to;

    @Override
    public Integer call() throws Exception {
        BackfillPlan plan = BackfillPlan.of(ScheduledJob.named(job), DateOption.parse("--from", from),
                DateOption.parse("--to", to));
        return withWaiter((waiter, out) -> {
            out.println("Backfill of " + plan.job().id() + ": " + plan.days().size() + " day(s), " + plan.days().get(0)
                    + " to " + plan.days().get(plan.days().size() - 1));
            out.flush();
            for (LocalDate day : plan.days()) {
                JobRun run = waiter.run(plan.job(), RunRequest.of(day, "backfill"));
                report(out, run);
                if (run.outcome() != RunOutcome.SUCCEEDED) {
                    plan.stoppedAt(run).forEach(err()::println);
                    err().flush();
                    return SchedulerMain.RUN_FAILED;
                }
            }
            out.println("Backfill of " + plan.job().id() + " done: every day succeeded.");
            out.flush();
            return 0;
        });
    }
}
