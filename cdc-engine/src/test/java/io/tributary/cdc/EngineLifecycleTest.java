package io.tributary.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.cdc.EngineLifecycle.State;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineLifecycleTest {

    @Test
    void aStopOnRequestEndsStopped() throws Exception {
        EngineLifecycle lifecycle = new EngineLifecycle();
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
        EngineLifecycle lifecycle = new EngineLifecycle();
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
        EngineLifecycle lifecycle = new EngineLifecycle();
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
        EngineLifecycle lifecycle = new EngineLifecycle();
        lifecycle.requestStop(null);

        assertThat(lifecycle.running()).isFalse();
        assertThat(lifecycle.state()).isEqualTo(State.STOPPING);
    }

    @Test
    void aStartThatThrowsFailsWithItsCause() {
        EngineLifecycle lifecycle = new EngineLifecycle();
        IllegalStateException kafkaDown = new IllegalStateException("Kafka does not answer");

        lifecycle.failed(kafkaDown);

        assertThat(lifecycle.state()).isEqualTo(State.FAILED);
        assertThat(lifecycle.failure()).containsSame(kafkaDown);
    }

    @Test
    void aStopRequestAfterTheEndChangesNothing() {
        EngineLifecycle lifecycle = new EngineLifecycle();
        lifecycle.running();
        lifecycle.requestStop(null);
        lifecycle.ended();

        lifecycle.requestStop(new IllegalStateException("shutdown hook"));

        assertThat(lifecycle.state()).isEqualTo(State.STOPPED);
        assertThat(lifecycle.failure()).isEmpty();
    }

    @Test
    void illegalMovesAreRefusedNamingBothStates() {
        EngineLifecycle starting = new EngineLifecycle();
        assertThatThrownBy(starting::ended).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cdc-engine cannot go from STARTING to STOPPED");

        EngineLifecycle running = new EngineLifecycle();
        running.running();
        assertThatThrownBy(running::running).hasMessageStartingWith("cdc-engine cannot go from RUNNING to RUNNING");
        assertThatThrownBy(running::ended).hasMessageStartingWith("cdc-engine cannot go from RUNNING to STOPPED");

        EngineLifecycle stopped = new EngineLifecycle();
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
        EngineLifecycle lifecycle = new EngineLifecycle();
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
}
