package io.tributary.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A binary decoder over a byte array that refuses lengths and item counts larger than the bytes left, before
 * allocating anything. Avro's own decoder allocates first: one corrupt length prefix in a record (a few bytes) could
 * make it allocate up to 2 GB and take the whole JVM down. Limitation: an array or map with more items than bytes
 * left (possible only for zero-byte items, e.g. an array of nulls) is refused too.
 */
final class BoundedBinaryDecoder extends Decoder {
    private final BinaryDecoder in;

    BoundedBinaryDecoder(BinaryDecoder in) {
        this.in = in;
    }

    /** Bytes not yet consumed. */
    int remaining() throws IOException {
        return in.isEnd() ? 0 : in.inputStream().available();
    }

    private int checkedLength(String what) throws IOException {
        long length = in.readLong();
        int left = remaining();
        if (length < 0 || length > left) {
            throw new EOFException(what + " length " + length + " exceeds the " + left + " byte(s) left");
        }
        return (int) length;
    }

    private long checkedCount(long count, String what) throws IOException {
        int left = remaining();
        if (count < 0 || count > left) {
            throw new EOFException(what + " block of " + count + " items exceeds the " + left + " byte(s) left");
        }
        return count;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = checkedLength("string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        if (length > 0) {
            in.readFixed(result.getBytes(), 0, length);
        }
        return result;
    }

    @Override
    public String readString() throws IOException {
        return readString(null).toString();
    }

    @Override
    public void skipString() throws IOException {
        in.skipFixed(checkedLength("string"));
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = checkedLength("bytes");
        ByteBuffer result = old != null && old.capacity() >= length ? old : ByteBuffer.allocate(length);
        result.clear();
        in.readFixed(result.array(), result.position(), length);
        result.limit(length);
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipFixed(checkedLength("bytes"));
    }

    @Override
    public long readArrayStart() throws IOException {
        return checkedCount(in.readArrayStart(), "array");
    }

    @Override
    public long arrayNext() throws IOException {
        return checkedCount(in.arrayNext(), "array");
    }

    @Override
    public long readMapStart() throws IOException {
        return checkedCount(in.readMapStart(), "map");
    }

    @Override
    public long mapNext() throws IOException {
        return checkedCount(in.mapNext(), "map");
    }

    @Override
    public long skipArray() throws IOException {
        return checkedCount(in.skipArray(), "array");
    }

    @Override
    public long skipMap() throws IOException {
        return checkedCount(in.skipMap(), "map");
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
