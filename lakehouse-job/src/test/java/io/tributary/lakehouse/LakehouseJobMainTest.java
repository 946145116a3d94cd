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

    @Test
    void theDailyJobsAndHistoryAreSubcommandsWithHelp() {
        StringWriter out = new StringWriter();
        LakehouseJobMain.commandLine().setOut(new PrintWriter(out)).execute("--help");
        assertThat(out.toString()).contains("history").contains("daily-sales").contains("validate");

        for (String command : new String[] {"history", "daily-sales", "validate", "maintain"}) {
            StringWriter help = new StringWriter();
            int code = LakehouseJobMain.commandLine().setOut(new PrintWriter(help)).execute(command, "--help");
            assertThat(code).as(command).isZero();
            assertThat(help.toString()).as(command).contains("Usage: lakehouse-job " + command);
        }
        StringWriter daily = new StringWriter();
        LakehouseJobMain.commandLine().setOut(new PrintWriter(daily)).execute("daily-sales", "--help");
        assertThat(daily.toString()).contains("--date=YYYY-MM-DD").contains("--timeout").contains("--no-wait");
    }

    @Test
    void aBadDateOrInstantExitsWithTwoAndSaysTheFormat() {
        StringWriter err = new StringWriter();
        int code = LakehouseJobMain.commandLine().setErr(new PrintWriter(err)).execute("validate", "--date", "1.12.2026");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--date 1.12.2026").contains("YYYY-MM-DD");

        StringWriter sqlErr = new StringWriter();
        int sqlCode = LakehouseJobMain.commandLine().setErr(new PrintWriter(sqlErr))
                .execute("sql", "--as-of", "yesterday", "SELECT 1");
        assertThat(sqlCode).isEqualTo(2);
        assertThat(sqlErr.toString()).contains("--as-of yesterday").contains("2026-12-01T10:00:00Z");
    }
}
