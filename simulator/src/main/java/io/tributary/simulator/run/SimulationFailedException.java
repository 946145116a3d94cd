package io.tributary.simulator.run;

/** The run stopped on a permanent error, or on a retriable one that did not go away. */
public final class SimulationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SimulationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
