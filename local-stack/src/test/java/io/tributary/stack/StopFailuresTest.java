package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopFailuresTest {
    @Test
    void runsEveryStepAndThrowsTheFirstFailureWithTheOthersSuppressed() {
        List<String> stopped = new ArrayList<>();
        StopFailures failures = new StopFailures();
        failures.attempt(() -> stopped.add("simulator"));
        failures.attempt(() -> {
            throw new StackException("cdc-engine did not stop");
        });
        failures.attempt(() -> stopped.add("kafka"));
        failures.attempt(() -> {
            throw new IllegalStateException("postgres pid file unreadable");
        });
        failures.attempt(() -> {
            throw new StackException("s3 did not stop");
        });
        failures.attempt(() -> stopped.add("schema-registry"));

        RuntimeException thrown = catchRuntimeException(failures::throwIfAny);

        assertThat(stopped).containsExactly("simulator", "kafka", "schema-registry");
        assertThat(thrown).isInstanceOf(StackException.class).hasMessage("cdc-engine did not stop");
        assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage)
                .containsExactly("postgres pid file unreadable", "s3 did not stop");
    }

    @Test
    void throwsNothingWhenEveryStepSucceeds() {
        StopFailures failures = new StopFailures();
        failures.attempt(() -> { });
        assertThatCode(failures::throwIfAny).doesNotThrowAnyException();
    }
}
