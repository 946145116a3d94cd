package io.tributary.lakehouse.stream;

import java.util.Optional;

/**
 * Where the streaming job is. {@link StreamingJob#start()} runs in {@code STARTING} and leaves the job
 * {@code RUNNING} once the query runs; {@link StreamingJob#close()} goes through {@code STOPPING} to {@code STOPPED}.
 * A start that throws or a query that ends with an exception makes it {@code FAILED}, which keeps the cause: a close
 * after it releases everything and the job stays failed. Any other move is refused.
 */
public final class JobLifecycle {

    /** The job's states; {@code STOPPED} and {@code FAILED} are final. */
    public enum State {
        STARTING, RUNNING, STOPPING, STOPPED, FAILED;

        boolean mayMoveTo(State next) {
            return switch (next) {
                case STARTING -> false;
                case RUNNING -> this == STARTING;
                case STOPPING -> this == STARTING || this == RUNNING;
                case STOPPED -> this == STOPPING;
                case FAILED -> this != STOPPED && this != FAILED;
            };
        }
    }

    private volatile State state = State.STARTING;
    private volatile Throwable failure;

    public State state() {
        return state;
    }

    /** The exception the job failed with; empty unless it is FAILED. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** STARTING -> RUNNING: the query runs. False (and no move) when a close began during the start. */
    synchronized boolean running() {
        if (state == State.STOPPING) {
            return false;
        }
        moveTo(State.RUNNING);
        return true;
    }

    /** STARTING or RUNNING -> STOPPING; false when there is nothing to move (already stopping, stopped or failed). */
    synchronized boolean stopping() {
        if (!state.mayMoveTo(State.STOPPING)) {
            return false;
        }
        moveTo(State.STOPPING);
        return true;
    }

    /** STOPPING -> STOPPED: everything is released. A job that failed while stopping stays FAILED. */
    synchronized void stopped() {
        if (state != State.FAILED) {
            moveTo(State.STOPPED);
        }
    }

    /** -> FAILED with {@code cause}: the start threw, or the query ended with an exception. */
    synchronized void failed(Throwable cause) {
        moveTo(State.FAILED);
        failure = cause;
    }

    private void moveTo(State next) {
        if (!state.mayMoveTo(next)) {
            throw new IllegalStateException("the lakehouse job cannot go from " + state + " to " + next);
        }
        state = next;
    }
}
