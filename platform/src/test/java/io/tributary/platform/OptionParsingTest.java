package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.stack.StackPorts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionParsingTest {
    @TempDir
    Path dir;

    @Test
    void durationsInShortAndIsoForm() {
        assertThat(DurationText.parse("90s", "--x")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("2m", "--x")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("500ms", "--x")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("1h", "--x")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("PT45S", "--x")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void badDurationNamesTheOptionAndTheFormat() {
        assertThatThrownBy(() -> DurationText.parse("soon", "--startup-timeout"))
                .hasMessageContaining("--startup-timeout").hasMessageContaining("soon").hasMessageContaining("90s");
        assertThatThrownBy(() -> DurationText.parse("0s", "--startup-timeout")).hasMessageContaining("positive");
    }

    @Test
    void crashLoopLimitIsParsedPassedToTheDaemonAndValidated() {
        SuperviseCommand.SupervisionOptions defaults = new SuperviseCommand.SupervisionOptions();
        new picocli.CommandLine(new Object() {
            @picocli.CommandLine.Mixin
            SuperviseCommand.SupervisionOptions options = defaults;
        }).parseArgs();
        assertThat(defaults.policy().crashLoopLimit()).isEqualTo(3);

        SuperviseCommand.SupervisionOptions two = new SuperviseCommand.SupervisionOptions();
        new picocli.CommandLine(new Object() {
            @picocli.CommandLine.Mixin
            SuperviseCommand.SupervisionOptions options = two;
        }).parseArgs("--crash-loop-limit", "2");
        assertThat(two.policy().crashLoopLimit()).isEqualTo(2);
        assertThat(two.asArguments()).containsSubsequence("--crash-loop-limit", "2");

        SuperviseCommand.SupervisionOptions one = new SuperviseCommand.SupervisionOptions();
        new picocli.CommandLine(new Object() {
            @picocli.CommandLine.Mixin
            SuperviseCommand.SupervisionOptions options = one;
        }).parseArgs("--crash-loop-limit", "1");
        assertThatThrownBy(one::policy).hasMessageContaining("--crash-loop-limit").hasMessageContaining("0 (off)");
    }

    @Test
    void consolePortDefaultsTo18080ZeroTurnsItOffAndIsPassedToTheDaemon() {
        ConsoleOptions defaults = new ConsoleOptions();
        new picocli.CommandLine(new Object() {
            @picocli.CommandLine.Mixin
            ConsoleOptions options = defaults;
        }).parseArgs();
        assertThat(defaults.port()).isEqualTo(18080);
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.asArguments()).containsExactly("--console-port", "18080");

        ConsoleOptions off = new ConsoleOptions();
        new picocli.CommandLine(new Object() {
            @picocli.CommandLine.Mixin
            ConsoleOptions options = off;
        }).parseArgs("--console-port", "0");
        assertThat(off.enabled()).isFalse();

        ConsoleOptions bad = new ConsoleOptions();
        new picocli.CommandLine(new Object() {
            @picocli.CommandLine.Mixin
            ConsoleOptions options = bad;
        }).parseArgs("--console-port", "70000");
        assertThatThrownBy(bad::port).hasMessageContaining("--console-port").hasMessageContaining("70000");
    }

    @Test
    void optionBeatsSavedPortsWhichBeatDefaults() {
        StackPorts saved = new StackPorts(25432, 29092, 29093, 28081, 29000);
        PortOverrides onlyKafka = new PortOverrides(null, 39092, null, null, null);
        assertThat(onlyKafka.resolve(Optional.of(saved))).isEqualTo(new StackPorts(25432, 39092, 29093, 28081, 29000));
        assertThat(onlyKafka.resolve(Optional.empty())).isEqualTo(new StackPorts(15432, 39092, 19093, 18081, 19000));
    }

    @Test
    void savedPortsRoundTrip() {
        StackPorts ports = new StackPorts(1111, 2222, 3333, 4444, 5555);
        PortOverrides.save(dir, ports);
        assertThat(PortOverrides.load(dir)).contains(ports);
        assertThat(PortOverrides.load(dir.resolve("none"))).isEmpty();
    }

    @Test
    void corruptSavedPortsNameFileAndKey() throws Exception {
        Files.writeString(dir.resolve("stack.properties"), "postgres.port=abc\n");
        assertThatThrownBy(() -> PortOverrides.load(dir)).hasMessageContaining("stack.properties").hasMessageContaining("postgres.port");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"up", "down", "status", "env", "logs", "resume"}) {
            StringWriter out = new StringWriter();
            int code = TributaryMain.execute(new String[] {command, "--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
            assertThat(code).isZero();
            assertThat(out.toString()).startsWith("Usage: tributary " + command).contains("--data-dir").contains("--postgres-port");
        }
        StringWriter out = new StringWriter();
        assertThat(TributaryMain.execute(new String[] {"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()))).isZero();
        assertThat(out.toString()).contains("up").contains("down").contains("status");
    }

    @Test
    void shellQuotingSurvivesEval() throws Exception {
        assertThat(ShellQuoting.quote("plain")).isEqualTo("'plain'");
        assertThat(ShellQuoting.quote("it's $HOME `x`")).isEqualTo("'it'\\''s $HOME `x`'");
        String tricky = "a'b $c \"d\" `e` \\f";
        Process p = new ProcessBuilder("sh", "-c", "eval \"v=$1\"; printf %s \"$v\"", "sh", ShellQuoting.quote(tricky))
                .redirectErrorStream(true).start();
        assertThat(new String(p.getInputStream().readAllBytes())).isEqualTo(tricky);
    }

    @Test
    void envPrintsEveryVariableAsAnExport() {
        StringWriter out = new StringWriter();
        int code = TributaryMain.execute(new String[] {"env", "--data-dir", dir.toString(), "--postgres-port", "25432"},
                new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("export TRIBUTARY_PG_PORT='25432'\n")
                .contains("export TRIBUTARY_KAFKA_BOOTSTRAP='127.0.0.1:19092'\n")
                .contains("export TRIBUTARY_APP_PASSWORD='");
    }

    @Test
    void invalidPortIsAnErrorNamingTheOption() {
        StringWriter err = new StringWriter();
        int code = TributaryMain.execute(new String[] {"status", "--data-dir", dir.toString(), "--postgres-port", "70000"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("--postgres-port").contains("70000");
    }
}
