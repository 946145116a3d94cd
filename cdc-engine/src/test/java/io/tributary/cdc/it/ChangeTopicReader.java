package io.tributary.cdc.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import io.tributary.serde.CachingSchemaRegistryClient;
import io.tributary.serde.ConfluentAvroDeserializer;
import io.tributary.serde.DecodedRecord;
import io.tributary.serde.RegistryClientSettings;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole change topic from the beginning and decodes keys and values through the registry. */
final class ChangeTopicReader {
    private final String bootstrap;
    private final ConfluentAvroDeserializer deserializer;
    final CachingSchemaRegistryClient registry;

    ChangeTopicReader(String bootstrap, String registryUrl) {
        this.bootstrap = bootstrap;
        this.registry = new CachingSchemaRegistryClient(java.net.URI.create(registryUrl), RegistryClientSettings.defaults());
        this.deserializer = ConfluentAvroDeserializer.withLogicalTypes(registry);
    }

    /** Everything currently in the topic (empty if it does not exist). */
    List<DecodedChange> readAll(String topic) {
        return readUntil(topic, all -> true, Duration.ofSeconds(5));
    }

    /**
     * Reads the topic to its end repeatedly until {@code done} holds for everything read, or the timeout passes
     * (then returns what it has: the caller's assertion shows what is missing).
     */
    List<DecodedChange> readUntil(String topic, Predicate<List<DecodedChange>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<DecodedChange> all = new ArrayList<>();
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        // never let the reader create a topic (with the broker's default partitions) before the engine does
        p.put("allow.auto.create.topics", "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                try {
                    var infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
                    if (infos != null) {
                        infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                    }
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    // the topic does not exist yet
                }
                if (partitions.isEmpty()) {
                    sleep(200);
                }
            }
            if (partitions.isEmpty()) {
                return all;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    all.add(decode(r));
                }
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                boolean atEnd = partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
                if (atEnd && done.test(all) || System.nanoTime() > deadline) {
                    return all;
                }
            }
        }
    }

    private DecodedChange decode(ConsumerRecord<byte[], byte[]> r) {
        DecodedRecord key = deserializer.deserialize(r.key());
        DecodedRecord value = deserializer.deserialize(r.value());
        return new DecodedChange(r.topic(), r.partition(), r.offset(),
                key == null ? null : (GenericRecord) key.datum(), value == null ? null : (GenericRecord) value.datum());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
