package io.tributary.serde;

/**
 * Bytes that cannot be decoded as a Confluent wire-format Avro record. The subclasses say why;
 * {@link #context()} says where the bytes came from when the caller knew it.
 */
public abstract class CorruptRecordException extends SerdeException {
    private final RecordContext context;

    protected CorruptRecordException(String message, RecordContext context, Throwable cause) {
        super(message + context.describe(), cause);
        this.context = context;
    }

    public RecordContext context() {
        return context;
    }
}
