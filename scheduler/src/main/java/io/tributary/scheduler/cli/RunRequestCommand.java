package io.tributary.scheduler.cli;

import io.tributary.scheduler.SchedulerMain;
import io.tributary.scheduler.store.JobRun;
import io.tributary.scheduler.store.RunOutcome;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What the commands that request runs through the scheduler's store share ({@code run}, {@code backfill}): the
 * parent's environment, {@code --start-timeout}, a store session and its {@link RunWaiter}, and how a run is reported.
 */
abstract class RunRequestCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    SchedulerMain parent;

    @CommandLine.Mixin
    StartTimeoutOption startTimeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What a command requests with the waiter; returns the exit code. */
    @FunctionalInterface
    interface Requests {
        int run(RunWaiter waiter, PrintWriter out) throws Exception;
    }

    /** Opens the store from the parent's environment and runs {@code requests} with a waiter of {@code --start-timeout}. */
    int withWaiter(Requests requests) throws Exception {
        Duration wait = startTimeout.value();
        PrintWriter out = spec.commandLine().getOut();
        try (StoreSession session = StoreSession.open(parent.environment())) {
            return requests.run(session.waiter(wait), out);
        }
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** One line for a finished run; the last lines of its output when it did not succeed. */
    static void report(PrintWriter out, JobRun run) {
        out.println(run.describe() + ": " + run.outcome().text() + (run.exitCode() == null ? "" : " (exit code "
                + run.exitCode() + ")") + " in " + run.duration().map(ScheduleListing::took).orElse("-") + ", run "
                + run.id() + " by " + run.instance());
        if (run.outcome() != RunOutcome.SUCCEEDED && run.lastLines() != null) {
            out.println("  its last lines:");
            run.lastLines().lines().forEach(l -> out.println("    " + l));
        }
        out.flush();
    }
}
