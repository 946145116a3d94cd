package io.tributary.platform.trace;

import io.tributary.platform.AvroText;
import io.tributary.serde.KafkaAvroDeserializer;
import io.tributary.serde.RegistryClientConfig;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Finds the change events of one key in a table's topic: the newest one (read backwards from the end in growing
 * windows, so a long topic is not read whole when the key changed lately), or the next ones as they arrive.
 * Tombstones are skipped: they follow a delete, which is the change. Owns a consumer: close it.
 */
public final class ChangeEventFinder implements AutoCloseable {
    private static final int FIRST_WINDOW = 2_000;
    private static final Duration POLL = Duration.ofMillis(500);

    private final String topic;
    private final TraceKey key;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaAvroDeserializer keys = new KafkaAvroDeserializer();
    private final KafkaAvroDeserializer values = new KafkaAvroDeserializer();
    private final IntFunction<Integer> schemaVersion;
    private final List<TopicPartition> partitions;
    private final java.util.ArrayDeque<ChangeEvent> pending = new java.util.ArrayDeque<>();

    /** @param schemaVersion the version of a value schema id under {@code <topic>-value}, null when unknown */
    public ChangeEventFinder(String bootstrap, String registryUrl, String topic, TraceKey key,
            IntFunction<Integer> schemaVersion) {
        this.topic = topic;
        this.key = key;
        this.schemaVersion = schemaVersion;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-trace");
        keys.configure(Map.of(RegistryClientConfig.URL, registryUrl), true);
        values.configure(Map.of(RegistryClientConfig.URL, registryUrl), false);
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("Topic " + topic + " does not exist (yet): is cdc-engine running and does the"
                    + " table exist in schema shop? `tributary status` shows the pipeline.");
        }
        partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
    }

    /** The newest change event of the key, empty when the topic holds none. */
    public Optional<ChangeEvent> newest() {
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        ChangeEvent newest = null;
        for (TopicPartition tp : partitions) {
            long stop = end.get(tp);
            long window = FIRST_WINDOW;
            while (stop > begin.get(tp)) {
                long start = Math.max(begin.get(tp), stop - window);
                Optional<ChangeEvent> found = lastIn(tp, start, stop);
                if (found.isPresent()) {
                    if (newest == null || found.get().lsn() > newest.lsn()) {
                        newest = found.get();
                    }
                    break;
                }
                stop = start;
                window *= 2;
            }
        }
        return Optional.ofNullable(newest);
    }

    /** From now on: waits for the next change event of the key; call again for the one after. */
    public ChangeEvent next() {
        while (pending.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                decode(r).ifPresent(pending::add);
            }
        }
        return pending.removeFirst();
    }

    /** Positions the consumer at the end of every partition, for {@link #next()}. */
    public void seekToEnd() {
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    private Optional<ChangeEvent> lastIn(TopicPartition tp, long start, long stop) {
        consumer.pause(partitions.stream().filter(p -> !p.equals(tp)).toList());
        consumer.resume(List.of(tp));
        consumer.seek(tp, start);
        ChangeEvent last = null;
        try {
            while (consumer.position(tp) < stop) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    if (r.offset() < stop) {
                        last = decode(r).orElse(last);
                    }
                }
            }
        } finally {
            consumer.resume(partitions);
        }
        return Optional.ofNullable(last);
    }

    private Optional<ChangeEvent> decode(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null || r.key() == null) {
            return Optional.empty();
        }
        Object k = keys.deserialize(topic, r.key());
        if (!(k instanceof GenericRecord keyRecord)) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        keyRecord.getSchema().getFields().forEach(f -> fields.put(f.name(), String.valueOf(keyRecord.get(f.name()))));
        Optional<Map<String, String>> matched = key.match(fields);
        if (matched.isEmpty()) {
            return Optional.empty();
        }
        if (!(values.deserialize(topic, r.value()) instanceof GenericRecord envelope)
                || envelope.getSchema().getField("op") == null) {
            return Optional.empty();
        }
        GenericRecord source = (GenericRecord) envelope.get("source");
        int schemaId = ByteBuffer.wrap(r.value(), 1, 4).getInt();
        Object txId = source.getSchema().getField("txId") == null ? null : source.get("txId");
        return Optional.of(new ChangeEvent(topic, r.partition(), r.offset(), r.timestamp(), schemaId,
                schemaVersion.apply(schemaId), String.valueOf(envelope.get("op")), ((Number) source.get("lsn")).longValue(),
                ((Number) source.get("ts_ms")).longValue(), txId == null ? null : ((Number) txId).longValue(),
                matched.get(), image(envelope, "before"), image(envelope, "after")));
    }

    private static String image(GenericRecord envelope, String name) {
        Object value = envelope.get(name);
        Schema schema = envelope.getSchema().getField(name).schema();
        return value == null ? null : AvroText.of(value, schema);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
