package io.tributary.cdc.pipeline;

/** A server the engine needs (PostgreSQL, the schema registry) stayed unreachable past its retry budget. */
public final class DependencyUnavailableException extends EngineStopException {
    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
