package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.stack.ServiceStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NotRunningTest {

    @Test
    void aStoppedServerIsNamedWithTheCommandThatStartsIt() {
        assertThat(NotRunning.message("postgres", ServiceStatus.State.STOPPED, Path.of("/p/.tributary"), ""))
                .isEqualTo("postgres is not running under /p/.tributary: start the stack with ./tributary up"
                        + " (or ./tributary demo --keep-running)");
    }

    @Test
    void aServerThatDoesNotAnswerPointsAtItsLogAndKeepsTheDataDirOption() {
        assertThat(NotRunning.message("kafka", ServiceStatus.State.UNHEALTHY, Path.of("/x"), " --data-dir /x"))
                .isEqualTo("kafka runs but does not answer yet under /x: see ./tributary logs kafka --data-dir /x,"
                        + " then ./tributary up --data-dir /x");
    }
}
