package io.tributary.lakehouse.decode;

/** An Avro schema the job cannot map to Spark types: the records written with it are quarantined. */
public final class UnsupportedSchemaException extends RuntimeException {

    public UnsupportedSchemaException(String message) {
        super(message);
    }
}
