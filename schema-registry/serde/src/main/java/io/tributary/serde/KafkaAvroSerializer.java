package io.tributary.serde;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serializer} over {@link ConfluentAvroSerializer}. Either constructed with a serializer, or
 * configured by Kafka from {@code schema.registry.url}, {@code auto.register.schemas} and the
 * {@code schema.registry.*} settings of {@link RegistryClientSettings#fromConfig(Map)}.
 * Uses only API present in kafka-clients 3.x and 4.x.
 */
public class KafkaAvroSerializer implements Serializer<Object> {
    private ConfluentAvroSerializer serializer;
    private boolean isKey;

    public KafkaAvroSerializer() {
    }

    public KafkaAvroSerializer(ConfluentAvroSerializer serializer, boolean isKey) {
        this.serializer = serializer;
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (serializer == null) {
            serializer = new ConfluentAvroSerializer(RegistryClientConfig.clientFrom(configs),
                    SerializerSettings.fromConfig(configs));
        }
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (serializer == null) {
            throw new IllegalStateException("KafkaAvroSerializer is not configured: set '" + RegistryClientConfig.URL + "'");
        }
        return serializer.serialize(topic, isKey, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        return serialize(topic, data);
    }

    @Override
    public void close() {
        // the HTTP client holds no resources that need closing
    }
}
