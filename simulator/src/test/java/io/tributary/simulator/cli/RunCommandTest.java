package io.tributary.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.simulator.CliRun;
import org.junit.jupiter.api.Test;

/** Option validation of {@code run}: refused with exit code 2 and the option named, before any connection. */
class RunCommandTest {

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() {
        assertThat(CliRun.of("run", "--rate", "0").err()).contains("--rate must be between 0 and 1000000");
        CliRun mix = CliRun.of("run", "--mix", "orders=3");
        assertThat(mix.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(mix.err()).contains("--mix: unknown kind 'orders'");
        CliRun duration = CliRun.of("run", "--duration", "soon");
        assertThat(duration.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(duration.err()).contains("'soon' is not a duration");
        assertThat(CliRun.of("run", "--metrics-port", "70000").err()).contains("--metrics-port must be 0 (off)");
        assertThat(CliRun.of("run", "--schema", "shop; drop").err()).contains("--schema 'shop; drop'");
    }

    @Test
    void noSubcommandIsAUsageError() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("choose a subcommand: generate, load or run");
    }

    @Test
    void helpListsTheOptions() {
        CliRun run = CliRun.of("run", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--rate", "--duration", "--mix", "--seed", "--schema-changes", "--metrics-port");
    }
}
