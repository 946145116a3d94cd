package io.tributary.platform;

import io.tributary.stack.StackException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes poison values straight into a CDC topic, each with the key of the topic's first real record (so only the value
 * is broken), acknowledged by every replica before it returns.
 */
final class ChaosPoisonInjector {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private ChaosPoisonInjector() {
    }

    static void inject(String bootstrap, String topic, List<byte[]> values) {
        byte[] key = firstKey(bootstrap, topic);
        Properties p = new Properties();
        p.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                ProducerConfig.CLIENT_ID_CONFIG, "tributary-chaos-poison"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, 0, key, value)).get(TIMEOUT.toMillis() + 10_000, TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new StackException("Cannot write poison records into " + topic + " at " + bootstrap + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while writing poison records into " + topic, e);
        }
    }

    private static byte[] firstKey(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = ChaosTopicCounts.consumer(bootstrap)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (r.key() != null) {
                        return r.key();
                    }
                }
            }
        }
        throw new StackException("Topic " + topic + " has no record with a key to borrow within " + TIMEOUT
                + "; is cdc-engine capturing shop." + topic.substring(topic.lastIndexOf('.') + 1) + "?");
    }
}
