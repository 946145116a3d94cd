package io.tributary.scheduler;

import io.tributary.configuration.ConfigException;
import io.tributary.scheduler.cli.BackfillCommand;
import io.tributary.scheduler.cli.ListCommand;
import io.tributary.scheduler.cli.RunCommand;
import io.tributary.scheduler.cli.ServeCommand;
import io.tributary.scheduler.cli.SettingsCommand;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code scheduler} command: {@code serve} (the stage), {@code list}, {@code run}, {@code backfill}, {@code settings}. */
@Command(name = "scheduler", mixinStandardHelpOptions = true, version = "tributary scheduler 0.1.0",
        description = {"Runs lakehouse-job's batch commands (daily-sales, validate, maintain) on cron schedules kept in",
                "PostgreSQL (Quartz's JDBC job store, schema scheduler), each run a child process recorded in",
                "scheduler.job_runs. Configuration: TRIBUTARY_SCHEDULER_* variables (`scheduler settings`)."},
        subcommands = {ServeCommand.class, ListCommand.class, RunCommand.class, BackfillCommand.class, SettingsCommand.class})
public final class SchedulerMain implements Runnable {
    /** Exit codes: a run or a backfill day failed, the command line or configuration is wrong. */
    public static final int RUN_FAILED = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    private SchedulerMain(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The variables the commands read their settings from: the process environment, or a test's. */
    public Map<String, String> environment() {
        return environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The command line reading its settings from {@code environment} (tests run it so, with their own output). */
    public static CommandLine commandLine(Map<String, String> environment) {
        CommandLine cli = new CommandLine(new SchedulerMain(environment));
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException || e instanceof ConfigException
                || e instanceof IllegalArgumentException ? USAGE : RUN_FAILED);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("scheduler " + line.getCommandName() + ": " + e.getMessage());
            line.getErr().flush();
            return line.getExitCodeExceptionMapper().getExitCode(e);
        });
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand: serve, list, run, backfill or settings");
    }
}
