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
    void bulkModeOptionsAreCheckedAgainstEachOther() {
        assertThat(CliRun.of("run", "--mode", "bulky").err()).contains("--mode 'bulky': use business or bulk");
        assertThat(CliRun.of("run", "--rate", "fast").err()).contains("--rate 'fast' is neither a number");
        CliRun schemaChanges = CliRun.of("run", "--mode", "bulk", "--schema-changes");
        assertThat(schemaChanges.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(schemaChanges.err()).contains("--schema-changes is not available with --mode bulk");
        assertThat(CliRun.of("run", "--mode", "bulk", "--events-per-tx", "5").err())
                .contains("with --mode bulk use --batch-size");
        assertThat(CliRun.of("run", "--mode", "bulk", "--mix", "order=3").err())
                .contains("--mix and --no-bursts apply to --mode business");
        assertThat(CliRun.of("run", "--batch-size", "100").err()).contains("--batch-size applies to --mode bulk");
        assertThat(CliRun.of("run", "--mode", "bulk", "--batch-size", "0").err())
                .contains("--batch-size must be between 1 and 10000");
        assertThat(CliRun.of("run", "--mode", "bulk", "--audit-file", "x.csv").err())
                .contains("--audit-file is not available with --mode bulk");
    }

    @Test
    void rateMaxMeansUnpaced() {
        assertThat(RunCommand.parseRate("max")).isInfinite();
        assertThat(RunCommand.parseRate(" MAX ")).isInfinite();
        assertThat(RunCommand.parseRate("20000")).isEqualTo(20_000);
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
        assertThat(run.out()).contains("--rate", "--duration", "--mix", "--seed", "--schema-changes", "--metrics-port",
                "--mode", "--batch-size");
    }
}
