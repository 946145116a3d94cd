package io.tributary.lakehouse.gold;

import io.tributary.lakehouse.decode.RegistryClients;
import io.tributary.serde.ConfluentAvroSerializer;
import io.tributary.serde.SerializerSettings;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Gold's Kafka topics: {@code <prefix>.enriched.orders} and {@code <prefix>.alerts.abandoned-orders}, Avro through our
 * registry serde ({@link GoldAvro}), keyed by order id. A batch of records is sent asynchronously, then every send is
 * awaited: the method returns only when Kafka has acknowledged all of them, and throws (failing the gold batch)
 * otherwise.
 */
public final class GoldTopicWriter implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final ConfluentAvroSerializer serializer;
    private final String enrichedTopic;
    private final String alertsTopic;
    private final String bootstrap;

    public GoldTopicWriter(String bootstrap, URI registryUrl, String topicPrefix) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "tributary-gold");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        serializer = new ConfluentAvroSerializer(RegistryClients.forUrl(registryUrl), SerializerSettings.defaults());
        this.bootstrap = bootstrap;
        enrichedTopic = enrichedTopic(topicPrefix);
        alertsTopic = alertsTopic(topicPrefix);
    }

    public static String enrichedTopic(String topicPrefix) {
        return topicPrefix + ".enriched.orders";
    }

    public static String alertsTopic(String topicPrefix) {
        return topicPrefix + ".alerts.abandoned-orders";
    }

    /** Sends every enriched order change of a batch, in order; returns when all are acknowledged. */
    public void sendEnriched(List<EnrichedOrder> changes) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(changes.size());
        for (EnrichedOrder e : changes) {
            sent.add(send(enrichedTopic, e.order().orderId(), GoldAvro.ENRICHED_ORDER, GoldAvro.enriched(e)));
        }
        await(enrichedTopic, sent);
    }

    /** Sends the alerts of abandoned orders; returns when all are acknowledged. */
    public void sendAbandoned(List<AbandonedOrder> abandoned) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(abandoned.size());
        for (AbandonedOrder a : abandoned) {
            sent.add(send(alertsTopic, a.order().orderId(), GoldAvro.ABANDONED_ORDER, GoldAvro.abandoned(a)));
        }
        await(alertsTopic, sent);
    }

    /**
     * The alerts among these that the alerts topic holds already: sent and acknowledged before a crash that came
     * before serving marked them. Reads the topic from its start to its end (done once per start of the job, and only
     * when serving has unmarked alerts).
     */
    public List<AbandonedOrder> alreadySent(List<AbandonedOrder> alerts) {
        if (alerts.isEmpty()) {
            return List.of();
        }
        Set<ByteBuffer> keys = new HashSet<>();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-gold-alerts-check");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(alertsTopic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(alertsTopic, i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> keys.add(ByteBuffer.wrap(r.key())));
            }
        }
        return alerts.stream().filter(a -> keys.contains(ByteBuffer.wrap(key(alertsTopic, a.order().orderId()))))
                .toList();
    }

    private byte[] key(String topic, long orderId) {
        return serializer.serialize(topic, true, GoldAvro.KEY, GoldAvro.key(orderId));
    }

    private Future<RecordMetadata> send(String topic, long orderId, Schema schema, GenericRecord value) {
        return producer.send(new ProducerRecord<>(topic, key(topic, orderId),
                serializer.serialize(topic, false, schema, value)));
    }

    private static void await(String topic, List<Future<RecordMetadata>> sent) {
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("gold: interrupted while sending to " + topic, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("gold: Kafka refused a record of " + topic + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
