package io.tributary.platform;

import io.tributary.contracts.stage.StageMain;
import io.tributary.stack.LocalStack;
import io.tributary.stack.ModuleLaunch;
import io.tributary.stack.ProcessSpec;
import io.tributary.stack.Service;
import io.tributary.stack.StackException;
import io.tributary.stack.StageHeaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tributary schedule list|run|backfill}: the scheduler module's own commands, run as a child JVM on its
 * classpath (Quartz lives there, not in this CLI) with the stack's environment and the scheduler's login; their
 * output is this command's.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Show the daily jobs' schedules and runs, run a job now, or backfill days (docs/scheduler.md).",
                "The scheduler (started by `up` and `demo`) runs daily-sales, validate and maintain on cron schedules kept",
                "in PostgreSQL (schema scheduler); every run is recorded in scheduler.job_runs.",
                "  list                               each job's schedule (next, previous run), then the latest runs",
                "  run JOB [--date D]                 run a job now through the scheduler's store; wait for its end",
                "  backfill JOB --from D1 --to D2     one run per day, oldest first; stops at the first day that fails",
                "A run is taken by one running scheduler, never while the same job runs. Exit code 0 when the runs",
                "succeeded, 1 when one did not (its last lines are shown), 2 for a wrong argument."})
final class ScheduleCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Parameters(index = "0", paramLabel = "ACTION", description = "list, run or backfill.")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "JOB", description = "daily-sales, validate or maintain.")
    String job;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "run: the day a daily job works on.")
    String date;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "backfill: the first day.")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "backfill: the last day (included).")
    String to;

    @Option(names = "--runs", defaultValue = "20", description = "list: how many of the latest runs to show (default ${DEFAULT-VALUE}).")
    int runs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return schedulerCommand(options, arguments());
    }

    /** The scheduler module's command line for this action; a usage error naming what is missing otherwise. */
    List<String> arguments() {
        List<String> args = new ArrayList<>(List.of(action));
        switch (action) {
            case "list" -> {
                args.addAll(List.of("--runs", Integer.toString(runs)));
                if (job != null) {
                    args.addAll(List.of("--job", job));
                }
            }
            case "run" -> {
                args.add(required(job, "JOB (daily-sales, validate or maintain)"));
                if (date != null) {
                    args.addAll(List.of("--date", date));
                }
            }
            case "backfill" -> args.addAll(List.of(required(job, "JOB (daily-sales or validate)"), "--from",
                    required(from, "--from YYYY-MM-DD"), "--to", required(to, "--to YYYY-MM-DD")));
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown action '" + action
                    + "': list, run or backfill");
        }
        return args;
    }

    private String required(String value, String what) {
        if (value == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "schedule " + action + " needs " + what);
        }
        return value;
    }

    /** Runs {@code scheduler <args>} as the stack launches a stage, its output and exit code being this command's. */
    static int schedulerCommand(StackOptions options, List<String> args) {
        RunningStack running = options.stack();
        LocalStack stack = running.attachRunning(Service.POSTGRES);
        Map<String, String> env = new HashMap<>(stack.serviceEnvironment());
        env.putAll(stack.schedulerLogin());
        Path root = stack.settings().projectRoot();
        ModuleLaunch launch = ModuleLaunch.of(StageMain.SCHEDULER, args, Map.of(), StageHeaps.options(StageHeaps.SCHEDULER))
                .named("schedule");
        ProcessSpec spec = launch.processSpec(launch.classpath(root), root, stack.settings().tmpDir(),
                stack.settings().logFile("schedule"), env);
        try {
            Files.createDirectories(stack.settings().tmpDir());
            ProcessBuilder builder = new ProcessBuilder(spec.command()).directory(root.toFile()).inheritIO();
            builder.environment().putAll(spec.environment());
            options.out().flush();
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new StackException("Cannot run the scheduler's " + args.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while the scheduler's " + args.get(0) + " ran");
        }
    }
}
