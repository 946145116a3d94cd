package io.tributary.scheduler.cli;

import io.tributary.scheduler.SchedulerMain;
import io.tributary.scheduler.job.ScheduledJob;
import io.tributary.scheduler.store.StoredSchedule;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.quartz.CronTrigger;
import org.quartz.Trigger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Show each job's schedule as the store holds it (next and previous run) and the latest runs of",
                "scheduler.job_runs: job, day, who asked (schedule, run, backfill), start, duration, outcome, exit code."})
public final class ListCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    SchedulerMain parent;

    @Option(names = "--runs", defaultValue = "20", description = "How many of the latest runs to show (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--job", description = "Only the runs of this job (daily-sales, validate, maintain).")
    String job;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String only = job == null ? null : ScheduledJob.named(job).id();
        try (StoreSession session = StoreSession.open(parent.environment())) {
            List<ScheduleListing.JobRow> rows = new ArrayList<>();
            for (ScheduledJob j : ScheduledJob.values()) {
                Trigger t = session.client.getTrigger(StoredSchedule.scheduleKey(j));
                CronTrigger cron = t instanceof CronTrigger c ? c : null;
                rows.add(new ScheduleListing.JobRow(j, cron == null ? null : cron.getCronExpression(),
                        cron == null ? null : cron.getTimeZone().getID(),
                        t == null || t.getNextFireTime() == null ? null : t.getNextFireTime().toInstant(),
                        t == null || t.getPreviousFireTime() == null ? null : t.getPreviousFireTime().toInstant()));
            }
            PrintWriter out = spec.commandLine().getOut();
            ScheduleListing.lines(rows, session.runs.latest(only, limit), session.config.zone()).forEach(out::println);
            out.flush();
        }
        return 0;
    }
}
