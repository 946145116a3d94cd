package io.tributary.serde;

/** Base class of every exception thrown by the Avro serde and the registry client. */
public class SerdeException extends RuntimeException {
    public SerdeException(String message) {
        super(message);
    }

    public SerdeException(String message, Throwable cause) {
        super(message, cause);
    }
}
