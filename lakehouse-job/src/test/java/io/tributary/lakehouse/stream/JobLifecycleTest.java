package io.tributary.lakehouse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lakehouse.stream.JobLifecycle.State;
import org.junit.jupiter.api.Test;

class JobLifecycleTest {

    @Test
    void aStartedJobClosesToStopped() {
        JobLifecycle lifecycle = new JobLifecycle();
        assertThat(lifecycle.state()).isEqualTo(State.STARTING);

        assertThat(lifecycle.running()).isTrue();
        assertThat(lifecycle.state()).isEqualTo(State.RUNNING);
        assertThat(lifecycle.stopping()).isTrue();
        assertThat(lifecycle.state()).isEqualTo(State.STOPPING);
        lifecycle.stopped();

        assertThat(lifecycle.state()).isEqualTo(State.STOPPED);
        assertThat(lifecycle.failure()).isEmpty();
    }

    @Test
    void aFailedQueryKeepsItsCauseThroughTheClose() {
        JobLifecycle lifecycle = new JobLifecycle();
        lifecycle.running();
        IllegalStateException batchFailed = new IllegalStateException("batch 7 failed");

        lifecycle.failed(batchFailed);
        assertThat(lifecycle.stopping()).as("a close after the failure releases, the job stays failed").isFalse();

        assertThat(lifecycle.state()).isEqualTo(State.FAILED);
        assertThat(lifecycle.failure()).containsSame(batchFailed);
    }

    @Test
    void aQueryFailingWhileStoppingStaysFailed() {
        JobLifecycle lifecycle = new JobLifecycle();
        lifecycle.running();
        lifecycle.stopping();
        IllegalStateException lost = new IllegalStateException("S3 gone");

        lifecycle.failed(lost);
        lifecycle.stopped();

        assertThat(lifecycle.state()).isEqualTo(State.FAILED);
        assertThat(lifecycle.failure()).containsSame(lost);
    }

    @Test
    void aStartThatThrowsFails() {
        JobLifecycle lifecycle = new JobLifecycle();
        IllegalStateException noSpark = new IllegalStateException("no Spark session");

        lifecycle.failed(noSpark);

        assertThat(lifecycle.state()).isEqualTo(State.FAILED);
        assertThat(lifecycle.failure()).containsSame(noSpark);
    }

    @Test
    void aCloseDuringTheStartWinsOverRunning() {
        JobLifecycle lifecycle = new JobLifecycle();
        assertThat(lifecycle.stopping()).isTrue();

        assertThat(lifecycle.running()).isFalse();
        assertThat(lifecycle.state()).isEqualTo(State.STOPPING);
    }

    @Test
    void aSecondCloseMovesNothing() {
        JobLifecycle lifecycle = new JobLifecycle();
        lifecycle.running();
        lifecycle.stopping();
        lifecycle.stopped();

        assertThat(lifecycle.stopping()).isFalse();
        assertThat(lifecycle.state()).isEqualTo(State.STOPPED);
    }

    @Test
    void illegalMovesAreRefusedNamingBothStates() {
        JobLifecycle starting = new JobLifecycle();
        assertThatThrownBy(starting::stopped).isInstanceOf(IllegalStateException.class)
                .hasMessage("the lakehouse job cannot go from STARTING to STOPPED");

        JobLifecycle running = new JobLifecycle();
        running.running();
        assertThatThrownBy(running::running).hasMessage("the lakehouse job cannot go from RUNNING to RUNNING");
        assertThatThrownBy(running::stopped).hasMessage("the lakehouse job cannot go from RUNNING to STOPPED");

        JobLifecycle stopped = new JobLifecycle();
        stopped.stopping();
        stopped.stopped();
        assertThatThrownBy(stopped::running).hasMessage("the lakehouse job cannot go from STOPPED to RUNNING");
        assertThatThrownBy(() -> stopped.failed(new IllegalStateException("late")))
                .hasMessage("the lakehouse job cannot go from STOPPED to FAILED");
        assertThat(stopped.state()).isEqualTo(State.STOPPED);
        assertThat(stopped.failure()).isEmpty();

        JobLifecycle failed = new JobLifecycle();
        failed.failed(new IllegalStateException("first"));
        assertThatThrownBy(() -> failed.failed(new IllegalStateException("second")))
                .hasMessage("the lakehouse job cannot go from FAILED to FAILED");
        assertThat(failed.failure().orElseThrow()).hasMessage("first");
    }

    @Test
    void onlyTheListedMovesAreAllowed() {
        for (State from : State.values()) {
            for (State to : State.values()) {
                boolean allowed = switch (from) {
                    case STARTING -> to == State.RUNNING || to == State.STOPPING || to == State.FAILED;
                    case RUNNING -> to == State.STOPPING || to == State.FAILED;
                    case STOPPING -> to == State.STOPPED || to == State.FAILED;
                    case STOPPED, FAILED -> false;
                };
                assertThat(from.mayMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed);
            }
        }
    }
}
