package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ScheduleCommandTest {

    private static ScheduleCommand parsed(String... args) {
        ScheduleCommand command = new ScheduleCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void eachActionBecomesTheSchedulersOwnCommandLine() {
        assertThat(parsed("list").arguments()).containsExactly("list", "--runs", "20");
        assertThat(parsed("list", "--data-dir", "/tmp/x", "--runs", "5").arguments()).containsExactly("list", "--runs", "5");
        assertThat(parsed("run", "daily-sales", "--date", "2026-12-06").arguments())
                .containsExactly("run", "daily-sales", "--date", "2026-12-06");
        assertThat(parsed("run", "maintain").arguments()).containsExactly("run", "maintain");
        assertThat(parsed("backfill", "validate", "--from", "2026-12-01", "--to", "2026-12-03").arguments())
                .containsExactly("backfill", "validate", "--from", "2026-12-01", "--to", "2026-12-03");
    }

    @Test
    void aMissingPartIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> parsed("backfill", "validate", "--from", "2026-12-01").arguments())
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--to YYYY-MM-DD");
        assertThatThrownBy(() -> parsed("run").arguments()).hasMessageContaining("needs JOB");
        assertThatThrownBy(() -> parsed("start").arguments()).hasMessageContaining("unknown action 'start': list, run or backfill");
    }
}
