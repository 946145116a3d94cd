package io.tributary.serde;

/**
 * The Avro body does not match the writer schema named by the header (bad union index, impossible length,
 * leftover bytes), or cannot be projected into the requested reader schema.
 */
public class SchemaMismatchException extends CorruptRecordException {
    private final int schemaId;

    public SchemaMismatchException(String message, int schemaId, RecordContext context, Throwable cause) {
        super(message, context, cause);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
