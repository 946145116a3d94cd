package io.tributary.cdc.pipeline;

/** A change could not be written to Kafka (after the producer's own retries): the engine stops. */
public final class DeliveryException extends EngineStopException {
    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
