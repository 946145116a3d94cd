package io.tributary.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes values in the Confluent wire format (magic byte 0, 4-byte big-endian schema id, Avro binary), with
 * subjects named by the TopicNameStrategy ({@code <topic>-key}, {@code <topic>-value}).
 *
 * <p>Values: {@link org.apache.avro.generic.GenericRecord} (also specific records), enums/fixed/arrays as
 * {@link org.apache.avro.generic.GenericContainer}, primitives, and for an explicit schema anything Avro's
 * {@link GenericData} accepts (maps, lists, unions). Logical types accept both the Avro representation and the
 * Java one ({@code BigDecimal}, {@code LocalDate}, {@code Instant}, {@code UUID}, ...). A {@code null} value
 * serializes to {@code null} (a Kafka tombstone). Thread-safe.
 */
public final class ConfluentAvroSerializer {
    private final SchemaRegistryClient client;
    private final SerializerSettings settings;
    private final GenericData data;
    private static final int MAX_CACHED_WRITERS = 1_000;

    private final EncoderFactory encoders = EncoderFactory.get();
    private final Map<Schema, GenericDatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private final ThreadLocal<ThreadBuffer> buffers = ThreadLocal.withInitial(ThreadBuffer::new);

    public ConfluentAvroSerializer(SchemaRegistryClient client, SerializerSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.data = logicalTypesData();
    }

    /** Serializes with the schema of the value ({@link AvroSchemas#schemaOf(Object)}) under the topic's subject. */
    public byte[] serialize(String topic, boolean isKey, Object datum) {
        if (datum == null) {
            return null;
        }
        return serialize(topic, isKey, AvroSchemas.schemaOf(datum), datum);
    }

    /** Serializes with an explicit schema (needed for unions and maps) under the topic's subject. */
    public byte[] serialize(String topic, boolean isKey, Schema schema, Object datum) {
        return serializeToSubject(SubjectNames.forTopic(topic, isKey), schema, datum);
    }

    /** Serializes under an explicitly named subject. */
    public byte[] serializeToSubject(String subject, Schema schema, Object datum) {
        if (datum == null) {
            return null;
        }
        Objects.requireNonNull(schema, "schema");
        int id = schemaId(subject, schema);
        ThreadBuffer buffer = buffers.get();
        buffer.out.reset();
        WireFormat.writeHeader(buffer.header, id);
        buffer.out.write(buffer.header, 0, WireFormat.HEADER_SIZE);
        try {
            buffer.encoder = encoders.binaryEncoder(buffer.out, buffer.encoder);
            writerFor(schema).write(datum, buffer.encoder);
            buffer.encoder.flush();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            buffer.encoder = null; // may hold part of the failed datum: never flushed into the next one
            throw new RecordSerializationException("Cannot write a " + datum.getClass().getName() + " with the schema of subject '"
                    + subject + "' (id " + id + "): " + e.getMessage() + ". Schema: " + schema, e);
        }
        return buffer.out.toByteArray();
    }

    /** One writer per schema (a writer keeps no state between writes, so threads share it). */
    private GenericDatumWriter<Object> writerFor(Schema schema) {
        GenericDatumWriter<Object> writer = writers.get(schema);
        if (writer == null) {
            if (writers.size() >= MAX_CACHED_WRITERS) {
                writers.clear();
            }
            writer = new GenericDatumWriter<>(schema, data);
            writers.put(schema, writer);
        }
        return writer;
    }

    /** What one thread reuses from record to record: the output buffer, the header and the buffered encoder. */
    private static final class ThreadBuffer {
        final ReusableByteArrayOutputStream out = new ReusableByteArrayOutputStream();
        final byte[] header = new byte[WireFormat.HEADER_SIZE];
        BinaryEncoder encoder;
    }

    /** A {@link ByteArrayOutputStream} without the monitor on every write: used by one thread only. */
    static final class ReusableByteArrayOutputStream extends ByteArrayOutputStream {
        ReusableByteArrayOutputStream() {
            super(256);
        }

        @Override
        public void write(int b) {
            if (count == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            if (count + len > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + len));
            }
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        @Override
        public void reset() {
            count = 0;
            if (buf.length > 1 << 20) {
                buf = new byte[256]; // one huge record does not pin a megabyte per thread
            }
        }

        @Override
        public byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, count);
        }
    }

    private int schemaId(String subject, Schema schema) {
        if (settings.autoRegister()) {
            return client.register(subject, schema);
        }
        return client.lookup(subject, schema)
                .orElseThrow(() -> new RecordSerializationException("Subject '" + subject + "' does not contain the schema "
                        + schema.getFullName() + " and auto-registration is off (" + SerializerSettings.AUTO_REGISTER
                        + "=false): register the schema first", null))
                .id();
    }

    static GenericData logicalTypesData() {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        return data;
    }
}
