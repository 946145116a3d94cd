package io.tributary.cdc.parking;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a parking topic from its beginning to its end offset taken at the start (no consumer group, nothing
 * committed), keeping the records whose {@value KafkaParkingSink#INCIDENT} header is the table's current incident.
 */
public final class KafkaParkedChangeSource implements ParkedChangeSource {
    private final Properties clientProperties;
    private final Duration timeout;

    /** @param clientProperties bootstrap servers and the kafka.* overrides */
    public KafkaParkedChangeSource(Properties clientProperties, Duration timeout) {
        this.clientProperties = clientProperties;
        this.timeout = timeout;
    }

    @Override
    public void forEach(ParkedTable table, Action action) throws InterruptedException {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-cdc-parked-reader");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        TopicPartition partition = new TopicPartition(table.parkingTopic(), 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = List.of(partition);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            long end = ends.get(partition);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (consumer.position(partition, timeout) < end) {
                if (System.nanoTime() > deadline) {
                    throw new TableOperations.TableOperationException(503, "Reading " + table.parkingTopic() + " took longer "
                            + "than " + timeout + " (at offset " + consumer.position(partition) + " of " + end
                            + "); check that Kafka is reachable", null);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end) {
                        break;
                    }
                    Header incident = r.headers().lastHeader(KafkaParkingSink.INCIDENT);
                    if (incident != null && table.incident().equals(new String(incident.value(), StandardCharsets.UTF_8))) {
                        action.accept(new Parked(r.offset(), r.value()));
                    }
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new TableOperations.TableOperationException(503, "Cannot read the parking topic " + table.parkingTopic()
                    + ": " + e.getMessage() + "; check that Kafka is reachable", e);
        }
    }
}
