package io.tributary.platform;

import io.tributary.stack.StackException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tributary} command line: runs the local stack (and, in later issues, the pipeline and its checks). */
@Command(name = "tributary", mixinStandardHelpOptions = true, version = "tributary 0.1.0-SNAPSHOT",
        description = "Tributary: a CDC lakehouse (PostgreSQL -> Debezium -> Kafka/Avro -> Spark -> Delta Lake on S3).",
        subcommands = {DemoCommand.class, UpCommand.class, DownCommand.class, StatusCommand.class, ReconcileCommand.class,
                SqlCommand.class, PsqlCommand.class, TailCommand.class, EnvCommand.class, LogsCommand.class,
                ChaosCommand.class, SuperviseCommand.class, ResumeCommand.class, BackfillCommand.class, CdcCommand.class, SchemaCommand.class,
                TraceCommand.class, ConsoleCommand.class,
                LakehouseJobCommand.class, GoldCommand.class, ScheduleCommand.class,
                CommandLine.HelpCommand.class})
public final class TributaryMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** The command line with every subcommand; help is rendered 120 columns wide (the descriptions' line length). */
    static CommandLine commandLine() {
        return new CommandLine(new TributaryMain()).setUsageHelpWidth(HELP_WIDTH);
    }

    static final int HELP_WIDTH = 120;

    /** Runs a command line with the given output streams; returns the exit code. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof StackException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                commandLine.getErr().println("tributary " + commandLine.getCommandName() + ": " + e.getMessage());
                return 1;
            }
            // the first line still names the problem; the trace is for a bug report
            commandLine.getErr().println("tributary " + commandLine.getCommandName() + ": " + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + " (unexpected: the stack trace follows; please report it)");
            e.printStackTrace(commandLine.getErr());
            return 1;
        });
        return cli.execute(args);
    }
}
