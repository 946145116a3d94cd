package io.tributary.serde;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka {@link Deserializer} over {@link ConfluentAvroDeserializer}: returns the decoded datum (a
 * {@link org.apache.avro.generic.GenericRecord} for record schemas), {@code null} for a tombstone.
 * Configured from {@code schema.registry.url} and the {@code schema.registry.*} settings, or constructed
 * with a deserializer. Errors carry the topic (the Kafka API gives no partition or offset here).
 */
public class KafkaAvroDeserializer implements Deserializer<Object> {
    private ConfluentAvroDeserializer deserializer;

    public KafkaAvroDeserializer() {
    }

    public KafkaAvroDeserializer(ConfluentAvroDeserializer deserializer) {
        this.deserializer = deserializer;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (deserializer == null) {
            deserializer = new ConfluentAvroDeserializer(RegistryClientConfig.clientFrom(configs));
        }
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        if (deserializer == null) {
            throw new IllegalStateException("KafkaAvroDeserializer is not configured: set '" + RegistryClientConfig.URL + "'");
        }
        DecodedRecord decoded = deserializer.deserialize(data, RecordContext.ofTopic(topic));
        return decoded == null ? null : decoded.datum();
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
