package io.tributary.serde;

/**
 * The Confluent wire format: byte 0 is the magic byte {@code 0}, bytes 1-4 the schema id (big-endian int),
 * then the Avro binary encoding of the datum with that schema.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    /** Magic byte + 4-byte schema id. */
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Writes the 5-byte header for {@code schemaId} into {@code target} at offset 0. */
    static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }

    /**
     * The schema id of a wire-format record.
     *
     * @throws TruncatedRecordException if the record is shorter than the header
     * @throws WrongMagicByteException if the first byte is not 0
     */
    public static int schemaId(byte[] record, RecordContext context) {
        if (record.length == 0) {
            throw new TruncatedRecordException("Empty record: a Confluent Avro record has at least " + HEADER_SIZE
                    + " bytes (magic byte + schema id)", 0, context, null);
        }
        if (record[0] != MAGIC_BYTE) {
            throw new WrongMagicByteException(record[0], context);
        }
        if (record.length < HEADER_SIZE) {
            throw new TruncatedRecordException("Record of " + record.length + " bytes is shorter than the "
                    + HEADER_SIZE + "-byte header (magic byte + 4-byte schema id)", record.length, context, null);
        }
        return ((record[1] & 0xff) << 24) | ((record[2] & 0xff) << 16) | ((record[3] & 0xff) << 8) | (record[4] & 0xff);
    }
}
