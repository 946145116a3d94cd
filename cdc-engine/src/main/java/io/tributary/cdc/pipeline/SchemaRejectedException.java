package io.tributary.cdc.pipeline;

/**
 * The registry refused a new schema version of one table (HTTP 409 incompatible, 422 invalid): a table-level failure,
 * the batch handler parks the table (see {@code FailureClassifier}).
 */
public final class SchemaRejectedException extends EngineStopException {
    public SchemaRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
