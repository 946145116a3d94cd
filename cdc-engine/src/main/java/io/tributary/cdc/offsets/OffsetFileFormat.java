package io.tributary.cdc.offsets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The offsets file: magic {@code TRBOFS01}, entry count, length-prefixed key/value pairs, CRC-32 of everything
 * before it. A truncated or damaged file is detected on read instead of being taken for "no offsets" (which
 * would re-snapshot and skip every change in between).
 */
public final class OffsetFileFormat {
    static final byte[] MAGIC = {'T', 'R', 'B', 'O', 'F', 'S', '0', '1'};

    private OffsetFileFormat() {
    }

    /** Thrown for a file that is not a complete offsets file. */
    public static final class CorruptOffsetsException extends IOException {
        CorruptOffsetsException(String message) {
            super(message);
        }
    }

    public static byte[] encode(Map<ByteBuffer, ByteBuffer> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(entries.size());
            for (Map.Entry<ByteBuffer, ByteBuffer> e : entries.entrySet()) {
                writeBytes(out, e.getKey());
                writeBytes(out, e.getValue());
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
        return bytes.toByteArray();
    }

    public static Map<ByteBuffer, ByteBuffer> decode(byte[] file) throws CorruptOffsetsException {
        if (file.length < MAGIC.length + 4 + 8) {
            throw new CorruptOffsetsException("the file has only " + file.length + " bytes");
        }
        CRC32 crc = new CRC32();
        crc.update(file, 0, file.length - 8);
        long stored = ByteBuffer.wrap(file, file.length - 8, 8).getLong();
        for (int i = 0; i < MAGIC.length; i++) {
            if (file[i] != MAGIC[i]) {
                throw new CorruptOffsetsException("it does not start with the offsets file marker");
            }
        }
        if (stored != crc.getValue()) {
            throw new CorruptOffsetsException("its checksum does not match (truncated or damaged)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(file, MAGIC.length, file.length - MAGIC.length - 8))) {
            int count = in.readInt();
            Map<ByteBuffer, ByteBuffer> entries = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                ByteBuffer key = readBytes(in);
                entries.put(key, readBytes(in));
            }
            return entries;
        } catch (IOException e) {
            throw new CorruptOffsetsException("its entries are incomplete: " + e.getMessage());
        }
    }

    private static void writeBytes(DataOutputStream out, ByteBuffer buffer) throws IOException {
        if (buffer == null) {
            out.writeInt(-1);
            return;
        }
        ByteBuffer b = buffer.duplicate();
        out.writeInt(b.remaining());
        byte[] raw = new byte[b.remaining()];
        b.get(raw);
        out.write(raw);
    }

    private static ByteBuffer readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] raw = new byte[length];
        in.readFully(raw);
        return ByteBuffer.wrap(raw);
    }
}
