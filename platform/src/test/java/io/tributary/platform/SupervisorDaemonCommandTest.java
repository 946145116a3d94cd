package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.stack.StackSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorDaemonCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsThisClisSuperviseOnTheDataDirWithThePolicyGiven() {
        StackSettings settings = StackSettings.builder(dir).build();
        List<String> command = SupervisorDaemonCommand.of(settings, "90000ms", List.of("--max-restarts", "7"));
        assertThat(command.get(0)).endsWith("/bin/java");
        assertThat(command).containsSubsequence(TributaryMain.class.getName(), "supervise", "--data-dir", dir.toString(),
                "--startup-timeout", "90000ms", "--max-restarts", "7");
        // what the demo hands over with: the supervise command's own default policy
        assertThat(SupervisorDaemonCommand.of(settings, "90000ms", List.of())).endsWith("--startup-timeout", "90000ms");
    }

    @Test
    void theSupervisorAcceptsTheStartupTimeoutTheDemoPasses() {
        assertThat(DurationText.parse(java.time.Duration.ofSeconds(90).toMillis() + "ms", "--startup-timeout"))
                .hasSeconds(90);
    }
}
