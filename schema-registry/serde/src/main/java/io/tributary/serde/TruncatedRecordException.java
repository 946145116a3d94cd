package io.tributary.serde;

/** Fewer bytes than the 5-byte header (magic byte + schema id), or the Avro body ends early. */
public class TruncatedRecordException extends CorruptRecordException {
    private final int length;

    public TruncatedRecordException(String message, int length, RecordContext context, Throwable cause) {
        super(message, context, cause);
        this.length = length;
    }

    /** Length of the record in bytes. */
    public int length() {
        return length;
    }
}
