package io.tributary.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.runtime.StageLifecycle.State;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The run of a stage as cdc-engine (stops requested from any thread) and the lakehouse job (start, close) use it. */
class StageLifecycleTest {


    @Test
    void aStopOnRequestEndsStopped() throws Exception {
        StageLifecycle lifecycle = new StageLifecycle("cdc-engine");
        assertThat(lifecycle.state()).isEqualTo(State.STARTING);
        assertThat(lifecycle.running()).isTrue();
        assertThat(lifecycle.state()).isEqualTo(State.RUNNING);

        lifecycle.requestStop(null);
        assertThat(lifecycle.state()).isEqualTo(State.STOPPING);
        assertThat(lifecycle.stoppingOnRequest()).isTrue();
        lifecycle.ended();

        assertThat(lifecycle.state()).isEqualTo(State.STOPPED);
        assertThat(lifecycle.failure()).isEmpty();
        assertThat(lifecycle.awaitEnd(Duration.ZERO)).isTrue();
    }

    @Test
    void aFailureRequestingTheStopIsKeptAsTheCause() {
        StageLifecycle lifecycle = new StageLifecycle("cdc-engine");
        lifecycle.running();
        IllegalStateException gone = new IllegalStateException("PostgreSQL gone for 5 min");

        lifecycle.requestStop(gone);
        lifecycle.requestStop(new IllegalStateException("Debezium stopped"));
        assertThat(lifecycle.stoppingOnRequest()).isFalse();
        lifecycle.ended();

        assertThat(lifecycle.state()).isEqualTo(State.FAILED);
        assertThat(lifecycle.failure()).containsSame(gone);
        assertThat(lifecycle).hasToString("FAILED (java.lang.IllegalStateException: PostgreSQL gone for 5 min)");
    }

    @Test
    void aFailureAfterAStopOnRequestFailsTheRun() {
        StageLifecycle lifecycle = new StageLifecycle("cdc-engine");
        lifecycle.running();
        lifecycle.requestStop(null);
        IllegalStateException late = new IllegalStateException("watch gave up");

        lifecycle.requestStop(late);
        lifecycle.ended();

        assertThat(lifecycle.state()).isEqualTo(State.FAILED);
        assertThat(lifecycle.failure()).containsSame(late);
    }

    @Test
    void aStopDuringTheStartWinsOverRunning() {
        StageLifecycle lifecycle = new StageLifecycle("cdc-engine");
        lifecycle.requestStop(null);

        assertThat(lifecycle.running()).isFalse();
        assertThat(lifecycle.state()).isEqualTo(State.STOPPING);
    }

    @Test
    void aStartThatThrowsFailsWithItsCause() {
        StageLifecycle lifecycle = new StageLifecycle("cdc-engine");
        IllegalStateException kafkaDown = new IllegalStateException("Kafka does not answer");

        lifecycle.failed(kafkaDown);

        assertThat(lifecycle.state()).isEqualTo(State.FAILED);
        assertThat(lifecycle.failure()).containsSame(kafkaDown);
    }

    @Test
    void aStopRequestAfterTheEndChangesNothing() {
        StageLifecycle lifecycle = new StageLifecycle("cdc-engine");
        lifecycle.running();
        lifecycle.requestStop(null);
        lifecycle.ended();

        lifecycle.requestStop(new IllegalStateException("shutdown hook"));

        assertThat(lifecycle.state()).isEqualTo(State.STOPPED);
        assertThat(lifecycle.failure()).isEmpty();
    }

    @Test
    void illegalMovesAreRefusedNamingBothStates() {
        StageLifecycle starting = new StageLifecycle("cdc-engine");
        assertThatThrownBy(starting::ended).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cdc-engine cannot go from STARTING to STOPPED");

        StageLifecycle running = new StageLifecycle("cdc-engine");
        running.running();
        assertThatThrownBy(running::running).hasMessageStartingWith("cdc-engine cannot go from RUNNING to RUNNING");
        assertThatThrownBy(running::ended).hasMessageStartingWith("cdc-engine cannot go from RUNNING to STOPPED");

        StageLifecycle stopped = new StageLifecycle("cdc-engine");
        stopped.requestStop(null);
        stopped.ended();
        assertThatThrownBy(stopped::running).hasMessageStartingWith("cdc-engine cannot go from STOPPED to RUNNING");
        assertThatThrownBy(() -> stopped.failed(new IllegalStateException("late")))
                .hasMessage("cdc-engine cannot go from STOPPED to FAILED (from STOPPED it may go to [])");
        assertThat(stopped.state()).isEqualTo(State.STOPPED);
    }

    @Test
    void everyStateListsWhereItMayGo() {
        assertThat(State.STARTING.next()).containsExactlyInAnyOrder(State.RUNNING, State.STOPPING, State.FAILED);
        assertThat(State.RUNNING.next()).containsExactlyInAnyOrder(State.STOPPING, State.FAILED);
        assertThat(State.STOPPING.next()).containsExactlyInAnyOrder(State.STOPPED, State.FAILED);
        assertThat(State.STOPPED.next()).isEmpty();
        assertThat(State.FAILED.next()).isEmpty();
    }

    @Test
    void waitersWakeOnTheStopRequestAndOnTheEnd() throws Exception {
        StageLifecycle lifecycle = new StageLifecycle("cdc-engine");
        lifecycle.running();
        CompletableFuture<Void> capture = CompletableFuture.runAsync(() -> {
            try {
                lifecycle.awaitStopRequest();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(lifecycle.awaitEnd(Duration.ofMillis(20))).as("not ended yet").isFalse();
        assertThat(capture).isNotDone();

        lifecycle.requestStop(null);
        capture.get(5, TimeUnit.SECONDS);
        lifecycle.ended();
        assertThat(lifecycle.awaitEnd(Duration.ofSeconds(5))).isTrue();
    }

    // as the lakehouse job uses it: start() -> running, close() -> requestStop(null) ... ended()
    @Test
    void aStartedJobClosesToStopped() {
        StageLifecycle lifecycle = new StageLifecycle("the lakehouse job");
        assertThat(lifecycle.state()).isEqualTo(State.STARTING);

        assertThat(lifecycle.running()).isTrue();
        assertThat(lifecycle.state()).isEqualTo(State.RUNNING);
        assertThat(lifecycle.requestStop(null)).isTrue();
        assertThat(lifecycle.state()).isEqualTo(State.STOPPING);
        lifecycle.ended();

        assertThat(lifecycle.state()).isEqualTo(State.STOPPED);
        assertThat(lifecycle.failure()).isEmpty();
    }

    @Test
    void aFailedQueryKeepsItsCauseThroughTheClose() {
        StageLifecycle lifecycle = new StageLifecycle("the lakehouse job");
        lifecycle.running();
        IllegalStateException batchFailed = new IllegalStateException("batch 7 failed");

        lifecycle.failed(batchFailed);
        assertThat(lifecycle.requestStop(null)).as("a close after the failure releases, the job stays failed").isFalse();

        assertThat(lifecycle.state()).isEqualTo(State.FAILED);
        assertThat(lifecycle.failure()).containsSame(batchFailed);
    }

    @Test
    void aQueryFailingWhileStoppingStaysFailed() {
        StageLifecycle lifecycle = new StageLifecycle("the lakehouse job");
        lifecycle.running();
        lifecycle.requestStop(null);
        IllegalStateException lost = new IllegalStateException("S3 gone");

        lifecycle.failed(lost);
        lifecycle.ended();

        assertThat(lifecycle.state()).isEqualTo(State.FAILED);
        assertThat(lifecycle.failure()).containsSame(lost);
    }

    @Test
    void aStartThatThrowsFails() {
        StageLifecycle lifecycle = new StageLifecycle("the lakehouse job");
        IllegalStateException noSpark = new IllegalStateException("no Spark session");

        lifecycle.failed(noSpark);

        assertThat(lifecycle.state()).isEqualTo(State.FAILED);
        assertThat(lifecycle.failure()).containsSame(noSpark);
    }

    @Test
    void aCloseDuringTheStartWinsOverRunning() {
        StageLifecycle lifecycle = new StageLifecycle("the lakehouse job");
        assertThat(lifecycle.requestStop(null)).isTrue();

        assertThat(lifecycle.running()).isFalse();
        assertThat(lifecycle.state()).isEqualTo(State.STOPPING);
    }

    @Test
    void aSecondCloseMovesNothing() {
        StageLifecycle lifecycle = new StageLifecycle("the lakehouse job");
        lifecycle.running();
        lifecycle.requestStop(null);
        lifecycle.ended();

        assertThat(lifecycle.requestStop(null)).isFalse();
        assertThat(lifecycle.state()).isEqualTo(State.STOPPED);
    }

    @Test
    void illegalMovesAreRefusedNamingBothStatesInTheLakehouseJob() {
        StageLifecycle starting = new StageLifecycle("the lakehouse job");
        assertThatThrownBy(starting::ended).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the lakehouse job cannot go from STARTING to STOPPED (from STARTING it may go to");

        StageLifecycle running = new StageLifecycle("the lakehouse job");
        running.running();
        assertThatThrownBy(running::running).hasMessageStartingWith("the lakehouse job cannot go from RUNNING to RUNNING (from RUNNING it may go to");
        assertThatThrownBy(running::ended).hasMessageStartingWith("the lakehouse job cannot go from RUNNING to STOPPED (from RUNNING it may go to");

        StageLifecycle stopped = new StageLifecycle("the lakehouse job");
        stopped.requestStop(null);
        stopped.ended();
        assertThatThrownBy(stopped::running).hasMessageStartingWith("the lakehouse job cannot go from STOPPED to RUNNING (from STOPPED it may go to");
        assertThatThrownBy(() -> stopped.failed(new IllegalStateException("late")))
                .hasMessageStartingWith("the lakehouse job cannot go from STOPPED to FAILED (from STOPPED it may go to");
        assertThat(stopped.state()).isEqualTo(State.STOPPED);
        assertThat(stopped.failure()).isEmpty();

        StageLifecycle failed = new StageLifecycle("the lakehouse job");
        failed.failed(new IllegalStateException("first"));
        assertThatThrownBy(() -> failed.failed(new IllegalStateException("second")))
                .hasMessageStartingWith("the lakehouse job cannot go from FAILED to FAILED (from FAILED it may go to");
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
