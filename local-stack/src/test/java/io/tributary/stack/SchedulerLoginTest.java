package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduler's login: its role, and its password always as a file name, never as a value. */
class SchedulerLoginTest {
    private final Path secrets = Path.of("/data/.tributary/secrets");

    @Test
    void theGeneratedSecretFileWhenTheEnvironmentGivesNoPassword() {
        assertThat(SchedulerLogin.of(Map.of(), secrets)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "TRIBUTARY_SCHEDULER_USER", "tributary_scheduler",
                "TRIBUTARY_SCHEDULER_PASSWORD_FILE", "/data/.tributary/secrets/scheduler_password"));
    }

    @Test
    void theFileTheEnvironmentNames() {
        assertThat(SchedulerLogin.of(Map.of("TRIBUTARY_SCHEDULER_PASSWORD_FILE", "/run/secrets/sched"), secrets))
                .containsEntry("TRIBUTARY_SCHEDULER_PASSWORD_FILE", "/run/secrets/sched");
    }

    @Test
    void noFileWhenThePasswordIsSetDirectly() {
        assertThat(SchedulerLogin.of(Map.of("TRIBUTARY_SCHEDULER_PASSWORD", "s3cret"), secrets))
                .containsExactlyEntriesOf(Map.of("TRIBUTARY_SCHEDULER_USER", "tributary_scheduler"));
    }
}
