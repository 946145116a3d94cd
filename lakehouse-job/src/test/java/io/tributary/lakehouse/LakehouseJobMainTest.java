package io.tributary.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LakehouseJobMainTest {

    @Test
    void settingsListsEveryKeyWithItsDefault() {
        StringWriter out = new StringWriter();
        int code = LakehouseJobMain.commandLine().setOut(new PrintWriter(out)).execute("settings");

        assertThat(code).isZero();
        assertThat(out.toString()).containsPattern("TRIBUTARY_LAKEHOUSE_TRIGGER_INTERVAL +0s")
                .contains("TRIBUTARY_LAKEHOUSE_TOMBSTONE_RETENTION").contains("spark.*");
    }

    @Test
    void helpNamesTheSubcommands() {
        StringWriter out = new StringWriter();
        LakehouseJobMain.commandLine().setOut(new PrintWriter(out)).execute("--help");

        assertThat(out.toString()).contains("stream").contains("maintain").contains("sql").contains("settings");
    }

    @Test
    void badConfigurationExitsWithTwoAndNamesTheKey() {
        StringWriter err = new StringWriter();
        CommandLine cli = LakehouseJobMain.commandLine().setErr(new PrintWriter(err));
        int code = cli.execute("--set", "TRIBUTARY_LAKEHOUSE_TRIGGER_INTERVAL=soon", "maintain", "--here");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("TRIBUTARY_LAKEHOUSE_TRIGGER_INTERVAL (from --set)");
    }
}
