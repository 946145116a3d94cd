package io.tributary.platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Records per CDC topic, read from the broker's offsets (every record ever written: nothing is deleted in a run). */
final class ChaosTopicCounts {
    private ChaosTopicCounts() {
    }

    /** Table name (the topic after {@code prefix}) to record count. */
    static Map<String, Long> perTable(String bootstrap, String prefix) {
        Map<String, Long> result = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(60)).entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix))
                    .flatMap(e -> e.getValue().stream().map(p -> new TopicPartition(p.topic(), p.partition())))
                    .toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(60));
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(60));
            for (TopicPartition tp : partitions) {
                result.merge(tp.topic().substring(prefix.length()), end.get(tp) - begin.get(tp), Long::sum);
            }
        }
        return result;
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-chaos");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
