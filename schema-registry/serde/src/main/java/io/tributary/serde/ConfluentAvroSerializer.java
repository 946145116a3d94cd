package io.tributary.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;
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
    private final EncoderFactory encoders = EncoderFactory.get();

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
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        byte[] header = new byte[WireFormat.HEADER_SIZE];
        WireFormat.writeHeader(header, id);
        out.writeBytes(header);
        try {
            BinaryEncoder encoder = encoders.directBinaryEncoder(out, null);
            new GenericDatumWriter<Object>(schema, data).write(datum, encoder);
            encoder.flush();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new RecordSerializationException("Cannot write a " + datum.getClass().getName() + " with the schema of subject '"
                    + subject + "' (id " + id + "): " + e.getMessage() + ". Schema: " + schema, e);
        }
        return out.toByteArray();
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
