package io.tributary.serde;

/** A value could not be written with the given schema (wrong type, missing field, unsupported Java type). */
public class RecordSerializationException extends SerdeException {
    public RecordSerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
