package io.tributary.platform;

import io.tributary.console.topics.TopicMessage;
import io.tributary.console.topics.TopicOffsets;
import io.tributary.console.topics.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The console's topics page over the stack's Kafka: a consumer per request (assigned, never in a group, commits
 * nothing) reads offsets and a partition's messages, decoded by {@link ChangeMessageDecoder}. Topics whose name
 * starts with {@code _} (Kafka's and the registry's own) are left out.
 */
final class KafkaTopicReader implements TopicReader {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrap;
    private final ChangeMessageDecoder decoder;

    KafkaTopicReader(String bootstrap, ChangeMessageDecoder decoder) {
        this.bootstrap = bootstrap;
        this.decoder = decoder;
    }

    @Override
    public List<TopicOffsets> topics() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Map<String, List<PartitionInfo>> topics = consumer.listTopics(TIMEOUT);
            List<TopicPartition> all = topics.entrySet().stream().filter(e -> !e.getKey().startsWith("_"))
                    .flatMap(e -> e.getValue().stream().map(p -> new TopicPartition(e.getKey(), p.partition()))).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(all, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(all, TIMEOUT);
            return topics.keySet().stream().filter(t -> !t.startsWith("_")).sorted().map(t -> new TopicOffsets(t,
                    all.stream().filter(tp -> tp.topic().equals(t)).sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                            .map(tp -> new TopicOffsets.Partition(tp.partition(), begin.get(tp), end.get(tp))).toList()))
                    .toList();
        } catch (KafkaException e) {
            throw unavailable(e);
        }
    }

    @Override
    public List<TopicMessage> messages(String topic, int partition, OptionalLong from, int count) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalArgumentException("Kafka has no topic " + topic + ": /topics lists them");
            }
            if (partitions.stream().noneMatch(p -> p.partition() == partition)) {
                throw new IllegalArgumentException("partition=" + partition + ": " + topic + " has the partitions 0 to "
                        + (partitions.size() - 1));
            }
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            long begin = consumer.beginningOffsets(List.of(tp), TIMEOUT).get(tp);
            long end = consumer.endOffsets(List.of(tp), TIMEOUT).get(tp);
            long start = Math.max(begin, from.isPresent() ? from.getAsLong() : end - count);
            long stop = Math.min(end, start + count);
            List<TopicMessage> messages = new ArrayList<>();
            if (start >= stop) {
                return messages;
            }
            consumer.seek(tp, start);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(tp) < stop && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < stop) {
                        messages.add(decoder.decode(topic, r.partition(), r.offset(), r.timestamp(), r.key(), r.value()));
                    }
                }
            }
            return messages;
        } catch (KafkaException e) {
            throw unavailable(e);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-console");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private IllegalStateException unavailable(KafkaException e) {
        return new IllegalStateException("Kafka at " + bootstrap + " did not answer: " + e.getMessage()
                + " (./tributary status shows whether it runs)", e);
    }
}
