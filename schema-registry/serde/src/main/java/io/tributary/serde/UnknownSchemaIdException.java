package io.tributary.serde;

/** The schema id in the record header is not known to the registry (error 40403). */
public class UnknownSchemaIdException extends CorruptRecordException {
    private final int schemaId;

    public UnknownSchemaIdException(int schemaId, RecordContext context, Throwable cause) {
        super("Schema id " + schemaId + " of the record is unknown to the schema registry: the record was written "
                + "against another registry, or the schema was deleted permanently", context, cause);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
