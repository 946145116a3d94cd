package io.tributary.scheduler.cli;

import io.tributary.scheduler.SchedulerMain;
import io.tributary.scheduler.config.SchedulerConfig;
import io.tributary.scheduler.stage.SchedulerStage;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the scheduler stage until SIGTERM: create the tables of schema scheduler if missing, put the",
                "jobs and their schedules (TRIBUTARY_SCHEDULER_<JOB>_CRON) in the store, and run what is due, with the",
                "other schedulers of the store (clustered: each run once). A run missed while no scheduler ran runs",
                "once at the start. Serves /metrics and /health on TRIBUTARY_SCHEDULER_METRICS_PORT.",
                "Exit code 0 when stopped, 1 when it failed (the log says why), 2 for a wrong setting."})
public final class ServeCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    SchedulerMain parent;

    @Override
    public Integer call() {
        return new SchedulerStage(SchedulerConfig.fromEnvironment(parent.environment())).run();
    }
}
