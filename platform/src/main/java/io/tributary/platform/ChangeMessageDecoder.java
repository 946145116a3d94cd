package io.tributary.platform;

import io.tributary.console.topics.TopicMessage;
import io.tributary.contracts.wal.Lsn;
import io.tributary.serde.ConfluentAvroDeserializer;
import io.tributary.serde.CorruptRecordException;
import io.tributary.serde.DecodedRecord;
import io.tributary.serde.RecordContext;
import io.tributary.serde.RegisteredSchema;
import io.tributary.serde.SchemaRegistryClient;
import io.tributary.serde.SubjectNames;
import java.util.HexFormat;
import org.apache.avro.generic.GenericRecord;

/**
 * A message of a change topic for the console's topics page: key and value decoded with the registry's schemas
 * (Confluent wire format), the envelope's op, before and after images as text ({@link AvroText}), the LSN as
 * PostgreSQL prints it, the value's schema id and its version under {@code <topic>-value}. A value that is not in
 * the wire format, names a schema id the registry does not know, or does not match its schema is a poison record:
 * shown with the reason and its first bytes, not hidden. A registry that does not answer is no property of the
 * message: that fails the request (IllegalStateException).
 */
final class ChangeMessageDecoder {
    static final int RAW_BYTES_SHOWN = 32;

    private final SchemaRegistryClient registry;
    private final ConfluentAvroDeserializer deserializer;

    ChangeMessageDecoder(SchemaRegistryClient registry) {
        this.registry = registry;
        this.deserializer = new ConfluentAvroDeserializer(registry);
    }

    TopicMessage decode(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
        RecordContext where = new RecordContext(topic, partition, offset);
        String keyText = keyText(key, where);
        if (value == null) {
            return new TopicMessage(partition, offset, timestamp, keyText, "tombstone", null, null, null, null, null, null, null);
        }
        DecodedRecord decoded;
        try {
            decoded = deserializer.deserialize(value, where);
        } catch (CorruptRecordException e) {
            return TopicMessage.poison(partition, offset, timestamp, keyText, e.getMessage(), hex(value));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the schema registry did not answer while decoding " + where.describe() + ": "
                    + e.getMessage() + " (./tributary status shows whether it runs)", e);
        }
        Integer version = registry.lookup(SubjectNames.forTopic(topic, false), decoded.writerSchema())
                .map(RegisteredSchema::version).orElse(null);
        if (!(decoded.datum() instanceof GenericRecord envelope) || envelope.getSchema().getField("op") == null) {
            return new TopicMessage(partition, offset, timestamp, keyText, null, null,
                    AvroText.of(decoded.datum(), decoded.writerSchema()), null, decoded.schemaId(), version, null, null);
        }
        String lsn = envelope.get("source") instanceof GenericRecord s && s.getSchema().getField("lsn") != null
                && s.get("lsn") instanceof Number n ? Lsn.format(n.longValue()) : null;
        return new TopicMessage(partition, offset, timestamp, keyText, String.valueOf(envelope.get("op")),
                image(envelope, "before"), image(envelope, "after"), lsn, decoded.schemaId(), version, null, null);
    }

    private String keyText(byte[] key, RecordContext where) {
        if (key == null) {
            return null;
        }
        try {
            DecodedRecord decoded = deserializer.deserialize(key, where);
            return AvroText.of(decoded.datum(), decoded.writerSchema());
        } catch (CorruptRecordException e) {
            return "(key not decodable: " + e.getMessage() + "; bytes " + hex(key) + ")";
        }
    }

    private static String image(GenericRecord envelope, String field) {
        Object image = envelope.get(field);
        return image == null ? null : AvroText.of(image, envelope.getSchema().getField(field).schema());
    }

    static String hex(byte[] bytes) {
        int shown = Math.min(bytes.length, RAW_BYTES_SHOWN);
        return HexFormat.of().formatHex(bytes, 0, shown) + (bytes.length > shown ? "… (" + bytes.length + " bytes)" : "");
    }
}
