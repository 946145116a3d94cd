package io.tributary.cdc;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a run of the cdc-engine is: {@code STARTING} (preflight checks, wiring) -> {@code RUNNING} (Debezium captures)
 * -> {@code STOPPING} (releasing) -> {@code STOPPED}, or {@code FAILED} with its cause. A stop may be requested from
 * any thread (shutdown hook, a dependency watch, Debezium's completion callback); the first failure among the requests
 * is the cause the run ends with. Any other move not listed in {@link State#next()} is refused.
 */
public final class EngineLifecycle {

    /** The states of one run; {@code STOPPED} and {@code FAILED} are final. */
    public enum State {
        STARTING, RUNNING, STOPPING, STOPPED, FAILED;

        /** The states this one may move to. */
        Set<State> next() {
            return switch (this) {
                case STARTING -> EnumSet.of(RUNNING, STOPPING, FAILED);
                case RUNNING -> EnumSet.of(STOPPING, FAILED);
                case STOPPING -> EnumSet.of(STOPPED, FAILED);
                case STOPPED, FAILED -> EnumSet.noneOf(State.class);
            };
        }

        boolean ended() {
            return this == STOPPED || this == FAILED;
        }
    }

    private State state = State.STARTING;
    private Throwable failure;

    public synchronized State state() {
        return state;
    }

    /** The cause of the stop: set once a failure requested it (or ended the run), kept when the run has failed. */
    public synchronized Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** STARTING -> RUNNING; false (and no move) when a stop was requested during the start. */
    synchronized boolean running() {
        if (state == State.STOPPING) {
            return false;
        }
        moveTo(State.RUNNING);
        return true;
    }

    /**
     * Asks the run to stop: STARTING or RUNNING -> STOPPING. {@code cause} is null for a stop on request; a failure is
     * kept unless an earlier one was. A request once the run has ended changes nothing (a shutdown hook after a
     * normal end).
     */
    synchronized void requestStop(Throwable cause) {
        if (state.ended()) {
            return;
        }
        if (failure == null) {
            failure = cause;
        }
        if (state != State.STOPPING) {
            moveTo(State.STOPPING);
        }
    }

    /** True while stopping on request, not because of a failure. */
    synchronized boolean stoppingOnRequest() {
        return state == State.STOPPING && failure == null;
    }

    /** STOPPING -> STOPPED, or FAILED when a failure requested the stop: everything was released. */
    synchronized void ended() {
        moveTo(failure == null ? State.STOPPED : State.FAILED);
    }

    /** -> FAILED: the run threw {@code cause}; an earlier failure stays the cause. */
    synchronized void failed(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        moveTo(State.FAILED);
    }

    /** Blocks while the run is STARTING or RUNNING. */
    synchronized void awaitStopRequest() throws InterruptedException {
        while (state == State.STARTING || state == State.RUNNING) {
            wait();
        }
    }

    /** Blocks until the run has ended; false when {@code timeout} passed first. */
    synchronized boolean awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!state.ended()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private void moveTo(State next) {
        if (!state.next().contains(next)) {
            throw new IllegalStateException("cdc-engine cannot go from " + state + " to " + next
                    + " (from " + state + " it may go to " + state.next() + ")");
        }
        state = next;
        notifyAll();
    }

    @Override
    public synchronized String toString() {
        return failure == null ? state.name() : state + " (" + failure + ")";
    }
}
