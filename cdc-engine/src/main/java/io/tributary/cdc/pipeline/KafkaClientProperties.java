package io.tributary.cdc.pipeline;

import io.tributary.cdc.config.CdcConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The engine's Kafka clients: the bootstrap servers as configured (every broker of a cluster), then the
 * {@code kafka.*} overrides, then what the engine must own. The producer always writes with {@code acks=all} and
 * idempotence: a record counts as written only once every in-sync replica has it (with the cluster's
 * {@code min.insync.replicas}), and a retry after a lost acknowledgement is not written twice. No override changes
 * either.
 */
public final class KafkaClientProperties {
    private final CdcConfig config;

    public KafkaClientProperties(CdcConfig config) {
        this.config = config;
    }

    /** For the admin client and plain consumers: the bootstrap servers and the overrides. */
    public Properties admin() {
        return withOverrides(Map.of());
    }

    /** For the change producer: timeouts from {@code tributary.cdc.send.timeout}, batching, acks=all, idempotence. */
    public Properties producer() {
        long timeoutMs = config.sendTimeout().toMillis();
        Properties p = new Properties();
        p.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeoutMs));
        p.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeoutMs));
        // request timeout must stay below the delivery timeout
        p.setProperty(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(30_000, Math.max(1_000, timeoutMs / 2))));
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        // a Debezium batch is sent at once: producer batches of 256 kB carry it in a handful of produce requests where
        // the default 16 kB needs dozens (figures: docs/benchmarks/ANALYSIS.md, section 1; kafka.batch.size overrides)
        p.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "tributary-cdc");
        p.putAll(withOverrides(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")));
        return p;
    }

    /** Bootstrap servers, then the kafka.* overrides, then the settings the engine must own. */
    private Properties withOverrides(Map<String, String> managed) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", config.kafkaBootstrap());
        config.kafkaOverrides().forEach(p::setProperty);
        managed.forEach(p::setProperty);
        return p;
    }
}
