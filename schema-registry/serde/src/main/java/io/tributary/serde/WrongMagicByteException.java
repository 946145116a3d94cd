package io.tributary.serde;

/** The first byte is not the Confluent magic byte 0: the bytes were not written by a Confluent-format serializer. */
public class WrongMagicByteException extends CorruptRecordException {
    private final int magicByte;

    public WrongMagicByteException(int magicByte, RecordContext context) {
        super(String.format("Unknown magic byte 0x%02x, expected 0x00: the record is not in the Confluent Avro wire format "
                + "(was it written by another serializer, e.g. plain JSON or String?)", magicByte & 0xff), context, null);
        this.magicByte = magicByte & 0xff;
    }

    public int magicByte() {
        return magicByte;
    }
}
