package io.tributary.runtime;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a stage's run is: {@code STARTING} (checks, wiring) -> {@code RUNNING} -> {@code STOPPING} (releasing) ->
 * {@code STOPPED}, or {@code FAILED} with its cause. A stop may be requested from any thread (a shutdown hook, a
 * dependency watch, a completion callback); the first failure among the requests, or the first one reported, is the
 * cause the run ends with. Any move not listed in {@link State#next()} is refused with an exception naming the stage
 * and both states. Thread-safe; waiters wake on every move.
 */
public final class StageLifecycle {

    /** The states of one run; {@code STOPPED} and {@code FAILED} are final. */
    public enum State {
        STARTING, RUNNING, STOPPING, STOPPED, FAILED;

        /** The states this one may move to. */
        public Set<State> next() {
            return switch (this) {
                case STARTING -> EnumSet.of(RUNNING, STOPPING, FAILED);
                case RUNNING -> EnumSet.of(STOPPING, FAILED);
                case STOPPING -> EnumSet.of(STOPPED, FAILED);
                case STOPPED, FAILED -> EnumSet.noneOf(State.class);
            };
        }

        public boolean mayMoveTo(State state) {
            return next().contains(state);
        }

        public boolean ended() {
            return this == STOPPED || this == FAILED;
        }
    }

    private final String stage;
    private State state = State.STARTING;
    private Throwable failure;

    /** @param stage the stage's name as messages say it ({@code cdc-engine}, {@code the lakehouse job}) */
    public StageLifecycle(String stage) {
        this.stage = stage;
    }

    public synchronized State state() {
        return state;
    }

    /** The cause of the end: set once a failure requested the stop or was reported; empty for a stop on request. */
    public synchronized Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** STARTING -> RUNNING; false (and no move) when a stop was requested during the start. */
    public synchronized boolean running() {
        if (state == State.STOPPING) {
            return false;
        }
        moveTo(State.RUNNING);
        return true;
    }

    /**
     * Asks the run to stop: STARTING or RUNNING -> STOPPING. {@code cause} is null for a stop on request; a failure is
     * kept unless an earlier one was. Once the run has ended, a request changes nothing (a shutdown hook after a normal
     * end, a close after a failure).
     *
     * @return true when this request moved the run to STOPPING
     */
    public synchronized boolean requestStop(Throwable cause) {
        if (state.ended()) {
            return false;
        }
        if (failure == null) {
            failure = cause;
        }
        if (state == State.STOPPING) {
            return false;
        }
        moveTo(State.STOPPING);
        return true;
    }

    /** True while stopping on request, not because of a failure. */
    public synchronized boolean stoppingOnRequest() {
        return state == State.STOPPING && failure == null;
    }

    /**
     * STOPPING -> STOPPED, or FAILED when a failure requested the stop: everything was released. A run that failed
     * while stopping stays FAILED.
     */
    public synchronized void ended() {
        if (state == State.FAILED) {
            return;
        }
        moveTo(failure == null ? State.STOPPED : State.FAILED);
    }

    /** -> FAILED: the run threw {@code cause} (the start, or the work once running); an earlier failure stays the cause. */
    public synchronized void failed(Throwable cause) {
        moveTo(State.FAILED);
        if (failure == null) {
            failure = cause;
        }
    }

    /** Blocks while the run is STARTING or RUNNING. */
    public synchronized void awaitStopRequest() throws InterruptedException {
        while (state == State.STARTING || state == State.RUNNING) {
            wait();
        }
    }

    /** Blocks until the run has ended; false when {@code timeout} passed first. */
    public synchronized boolean awaitEnd(Duration timeout) throws InterruptedException {
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
        if (!state.mayMoveTo(next)) {
            throw new IllegalStateException(stage + " cannot go from " + state + " to " + next
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
