package io.tributary.cdc.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.tributary.cdc.avro.AvroChange;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;

/**
 * Writes changes to Kafka with an idempotent producer (acks=all). Keyed by primary key, so the default
 * partitioner keeps every key's changes in order. A truncate (no key) goes to every partition of its topic so
 * that each partition sees it in order with the keyed changes.
 */
public final class KafkaChangeSink implements ChangeSink {
    private final Producer<byte[], byte[]> producer;
    private final Admin admin;
    private final ChangeSerializer serializer;
    private final TopicProvisioner topics;
    private final Duration closeTimeout;

    public KafkaChangeSink(Producer<byte[], byte[]> producer, Admin admin, ChangeSerializer serializer,
                           TopicProvisioner topics, Duration closeTimeout) {
        this.producer = producer;
        this.admin = admin;
        this.serializer = serializer;
        this.topics = topics;
        this.closeTimeout = closeTimeout;
    }

    @Override
    public CompletableFuture<Void> send(AvroChange change) {
        try {
            topics.ensure(change.topic());
            byte[] key = serializer.key(change);
            byte[] value = serializer.value(change);
            if (key == null && "t".equals(change.op())) {
                List<PartitionInfo> partitions = producer.partitionsFor(change.topic());
                List<CompletableFuture<Void>> all = new ArrayList<>();
                for (PartitionInfo p : partitions) {
                    all.add(send(new ProducerRecord<>(change.topic(), p.partition(), null, value)));
                }
                return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
            }
            return send(new ProducerRecord<>(change.topic(), key, value));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> record) {
        return Acknowledgement.send(producer, record);
    }

    @Override
    public void close() {
        producer.close(closeTimeout);
        admin.close(closeTimeout);
    }
}
