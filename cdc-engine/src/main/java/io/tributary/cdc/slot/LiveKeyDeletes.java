package io.tributary.cdc.slot;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.tributary.serde.ConfluentAvroDeserializer;
import io.tributary.serde.ConfluentAvroSerializer;
import io.tributary.serde.DecodedRecord;
import io.tributary.serde.RecordContext;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The first step of a reset: every key still live in a change topic (its last change neither a delete nor a tombstone,
 * no truncate after it) gets a delete and a tombstone, in its partition, at the WAL position taken before the slot is
 * dropped ({@link ResetDelete}), the delete carrying the key's last image as its before-image. The topic is read twice:
 * once for the live keys and the offsets of their last changes, once more for those changes' images, so that memory
 * holds keys and offsets only, not rows. The re-snapshot then reads back every row that exists, at later LSNs; a row deleted
 * while no slot kept the WAL stays deleted. Without this step such a row would stay in the topic's last changes and in
 * silver forever.
 */
public final class LiveKeyDeletes {
    private final Properties kafka;
    private final ConfluentAvroDeserializer deserializer;
    private final ConfluentAvroSerializer serializer;
    private final String topicPrefix;
    private final List<String> schemas;
    private final String database;
    private final Duration timeout;

    public LiveKeyDeletes(Properties kafka, ConfluentAvroDeserializer deserializer, ConfluentAvroSerializer serializer,
                          String topicPrefix, List<String> schemas, String database, Duration timeout) {
        this.kafka = kafka;
        this.deserializer = deserializer;
        this.serializer = serializer;
        this.topicPrefix = topicPrefix;
        this.schemas = List.copyOf(schemas);
        this.database = database;
        this.timeout = timeout;
    }

    /** Writes the deletes; one line per topic that had live keys. */
    public List<String> write(long lsn, long nowMillis) throws Exception {
        List<String> done = new ArrayList<>();
        Properties producerProps = new Properties();
        producerProps.putAll(kafka);
        producerProps.put("acks", "all");
        producerProps.put("enable.idempotence", "true");
        producerProps.put("key.serializer", ByteArraySerializer.class.getName());
        producerProps.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            for (String topic : changeTopics()) {
                String[] parts = topic.substring(topicPrefix.length() + 1).split("\\.", 2);
                LiveKeys live = scan(topic);
                if (live.keys.isEmpty() || live.valueSchema == null) {
                    continue;
                }
                Schema envelope = live.valueSchema;
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                readLastChanges(topic, live, (key, partition, before) -> {
                    GenericRecord delete = ResetDelete.of(envelope, before, lsn, nowMillis, topicPrefix, database,
                            parts[0], parts[1]);
                    byte[] value = serializer.serialize(topic, false, envelope, delete);
                    sent.add(producer.send(new ProducerRecord<>(topic, partition, key, value)));
                    sent.add(producer.send(new ProducerRecord<>(topic, partition, key, null)));
                });
                producer.flush();
                for (Future<RecordMetadata> f : sent) {
                    f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                }
                done.add("wrote a delete and a tombstone for the " + live.keys.size() + " live keys of " + topic
                        + " (the re-snapshot reads back the rows that exist)");
            }
        }
        return done;
    }

    private List<String> changeTopics() throws Exception {
        try (Admin admin = Admin.create(kafka)) {
            return admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .filter(t -> ChangeTopicName.isChangeTopic(t, topicPrefix, schemas)).sorted().toList();
        }
    }

    /** The live keys of a topic (key bytes -> partition and offset of its last change) and its newest value schema. */
    private static final class LiveKeys {
        final Map<ByteBuffer, long[]> keys = new LinkedHashMap<>();
        Schema valueSchema;
    }

    /** Receives a live key, its partition and its last image (in the newest row schema). */
    @FunctionalInterface
    private interface LastChange {
        void accept(byte[] key, int partition, GenericRecord lastImage) throws Exception;
    }

    private LiveKeys scan(String topic) {
        LiveKeys live = new LiveKeys();
        readAll(topic, r -> apply(live, r));
        return live;
    }

    /** Reads the topic again and hands over each live key's last change, its image read in the newest schema. */
    private void readLastChanges(String topic, LiveKeys live, LastChange out) throws Exception {
        Exception[] failed = {null};
        readAll(topic, r -> {
            if (failed[0] != null || r.key() == null || r.value() == null) {
                return;
            }
            long[] last = live.keys.get(ByteBuffer.wrap(r.key()));
            if (last == null || last[0] != r.partition() || last[1] != r.offset()) {
                return;
            }
            GenericRecord change = (GenericRecord) deserializer.deserialize(r.value(), live.valueSchema,
                    new RecordContext(topic, r.partition(), r.offset())).datum();
            try {
                out.accept(r.key(), r.partition(), (GenericRecord) change.get("after"));
            } catch (Exception e) {
                failed[0] = e;
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    private void readAll(String topic, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Reading topic " + topic + " did not reach its end within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        each.accept(r);
                    }
                }
            }
        }
    }

    private void apply(LiveKeys live, ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            if (r.key() != null) {
                live.keys.remove(ByteBuffer.wrap(r.key()));
            }
            return;
        }
        DecodedRecord decoded = deserializer.deserialize(r.value());
        String op = String.valueOf(((GenericRecord) decoded.datum()).get("op"));
        if (r.key() == null) {
            if ("t".equals(op)) {
                live.keys.values().removeIf(last -> last[0] == r.partition());
            }
            return;
        }
        live.valueSchema = decoded.writerSchema();
        if ("d".equals(op)) {
            live.keys.remove(ByteBuffer.wrap(r.key()));
        } else {
            live.keys.put(ByteBuffer.wrap(r.key()), new long[] {r.partition(), r.offset()});
        }
    }
}
