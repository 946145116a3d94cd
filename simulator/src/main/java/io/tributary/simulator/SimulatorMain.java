package io.tributary.simulator;

import io.tributary.simulator.cli.ExitCodes;
import io.tributary.simulator.cli.GenerateCommand;
import io.tributary.simulator.cli.LoadCommand;
import io.tributary.simulator.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code simulator} command: {@code generate}, {@code load} and {@code run}. */
@Command(name = "simulator", mixinStandardHelpOptions = true, version = "tributary simulator 0.1.0",
        description = "Tributary's shop: generate CSV data, load it into PostgreSQL, run the business.",
        subcommands = {GenerateCommand.class, LoadCommand.class, RunCommand.class})
public final class SimulatorMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SimulatorMain());
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException
                || e instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FAILURE);
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand: generate, load or run");
    }
}
