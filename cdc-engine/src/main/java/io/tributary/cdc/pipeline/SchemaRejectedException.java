package io.tributary.cdc.pipeline;

/** The registry refused a new schema version (incompatible change); the engine stops rather than drop events. */
public final class SchemaRejectedException extends EngineStopException {
    public SchemaRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
