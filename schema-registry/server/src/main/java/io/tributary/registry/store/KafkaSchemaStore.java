package io.tributary.registry.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's log in a compacted, single-partition Kafka topic.
 *
 * <p>Single writer: the producer is transactional with a transactional id derived from the topic, so starting a
 * second registry on the same topic fences the first one (its next write fails with a store error) and aborts
 * anything it left half-written. {@link #load()} reads the topic from the beginning to its end offset with
 * {@code read_committed} before the registry serves requests; {@link #append(List)} returns once the
 * records are committed (acks=all).
 */
public final class KafkaSchemaStore implements SchemaStore {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);

    private final String bootstrap;
    private final String topic;
    private final Duration timeout;
    private final Duration writeTimeout;
    private final TopicPartition partition;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean fenced;
    private boolean loaded;
    private boolean outOfSync;
    /** Offset after the last record this instance loaded or wrote (markers of transactions may follow). */
    private long position;

    /**
     * @param timeout admin calls and reading the topic at start
     * @param writeTimeout how long one write may wait for Kafka before it fails (the HTTP request waits that long)
     */
    public KafkaSchemaStore(String bootstrap, String topic, Duration timeout, Duration writeTimeout) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.timeout = timeout;
        this.writeTimeout = writeTimeout;
        this.partition = new TopicPartition(topic, 0);
    }

    @Override
    public String describe() {
        return "Kafka topic " + topic + " at " + bootstrap;
    }

    @Override
    public List<StoreRecord> load() {
        ensureTopic();
        producer = newProducer();
        List<StoreRecord> records = readFrom(0L);
        loaded = true;
        return records;
    }

    /**
     * Reads the committed records from {@code offset} to the end of the topic and remembers where they end
     * ({@link #position}).
     */
    private List<StoreRecord> readFrom(long offset) {
        List<StoreRecord> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerProps(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (consumer.position(partition, timeout) < end) {
                if (System.nanoTime() > deadline) {
                    throw new StoreException("Timed out after " + timeout + " reading " + describe() + " to its end offset "
                            + end + " (at " + consumer.position(partition) + ")", null);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        records.add(StoreRecordCodec.decode(r.key(), r.value()));
                    } catch (IllegalArgumentException e) {
                        throw new StoreException("Record at offset " + r.offset() + " of " + describe()
                                + " is not a schema registry record (" + e.getMessage()
                                + "). Is the topic shared with another application? Set TRIBUTARY_REGISTRY_TOPIC to a topic of its own", e);
                    }
                }
            }
            position = end;
            LOG.info("Read {} records from {} (offsets {} to {})", records.size(), describe(), offset, end);
        } catch (KafkaException e) {
            throw new StoreException("Could not read " + describe() + ": " + e.getMessage(), e);
        }
        return records;
    }

    /**
     * After a failed write: a new producer with the same transactional id aborts the open transaction. If the topic
     * holds committed records this instance has not applied (the timed-out write was committed after all, or another
     * instance wrote), the in-memory state is stale and this instance stops accepting writes.
     */
    private void recoverWriter() {
        // look first, so that a newer instance that wrote meanwhile is not fenced by this stale one
        checkNothingUnseen();
        producer = newProducer();
        checkNothingUnseen();
        LOG.info("Writer of {} recovered after a failed write; nothing was committed meanwhile", describe());
    }

    private void checkNothingUnseen() {
        List<StoreRecord> unseen = readFrom(position);
        if (!unseen.isEmpty()) {
            outOfSync = true;
            throw outOfSyncError(unseen.size());
        }
    }

    private StoreException outOfSyncError(int unseen) {
        return new StoreException(describe() + " holds " + (unseen > 0 ? unseen + " " : "") + "committed record(s) this"
                + " instance has not applied (a timed-out write completed later, or another instance wrote); it no longer"
                + " accepts writes: restart the registry to reload the topic", null);
    }

    /**
     * A transactional producer; initialising it fences older instances and aborts what they left open.
     */
    private KafkaProducer<byte[], byte[]> newProducer() {
        KafkaProducer<byte[], byte[]> created =
                new KafkaProducer<>(producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
        try {
            created.initTransactions();
            return created;
        } catch (KafkaException e) {
            created.close(Duration.ZERO);
            throw new StoreException("Could not initialise the transactional writer of " + describe() + ": " + e.getMessage()
                    + ". Is Kafka up? The broker also needs transaction.state.log.replication.factor and min.isr it can satisfy", e);
        }
    }

    @Override
    public synchronized void append(List<StoreRecord> records) {
        if (!loaded) {
            throw new IllegalStateException("load() must run before append()");
        }
        if (fenced) {
            throw fencedError(null);
        }
        if (outOfSync) {
            throw outOfSyncError(0);
        }
        if (producer == null) {
            recoverWriter();
        }
        try {
            producer.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (StoreRecord record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, 0, StoreRecordCodec.key(record), StoreRecordCodec.value(record))));
            }
            long last = position;
            for (Future<RecordMetadata> f : sent) {
                last = f.get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS).offset();
            }
            producer.commitTransaction();
            position = last + 1;
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            fenced = true;
            throw fencedError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discardProducer();
            throw new StoreException("Interrupted while writing to " + describe(), e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
                fenced = true;
                throw fencedError(cause);
            }
            discardProducer();
            throw new StoreException("Could not write to " + describe() + " within " + writeTimeout + ": " + cause, cause);
        }
    }

    /** Drops the producer after a failed write; the next write starts a new one (which aborts the open transaction). */
    private void discardProducer() {
        try {
            producer.close(Duration.ZERO);
        } catch (KafkaException e) {
            LOG.warn("Closing the failed producer of {}: {}", describe(), e.toString());
        }
        producer = null;
    }

    /** Kafka fenced our transactional id: a newer registry instance on the same topic is now the single writer. */
    private StoreException fencedError(Throwable cause) {
        return new StoreException("Another schema registry instance took over " + describe()
                + "; this instance no longer accepts writes: stop it (the newer instance serves the same data)", cause);
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    private void ensureTopic() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        try (Admin admin = Admin.create(props)) {
            int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            short replication = (short) Math.max(1, Math.min(3, brokers));
            NewTopic newTopic = new NewTopic(topic, 1, replication).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Created topic {} (1 partition, replication factor {}, cleanup.policy=compact)", topic, replication);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                verifyTopic(admin);
            }
        } catch (ExecutionException e) {
            throw new StoreException("Could not create or check " + describe() + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new StoreException("Kafka at " + bootstrap + " did not answer within " + timeout
                    + ": check TRIBUTARY_KAFKA_BOOTSTRAP and that the broker is running", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while checking " + describe(), e);
        }
    }

    private void verifyTopic(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        if (description.partitions().size() != 1) {
            throw new StoreException("Topic " + topic + " has " + description.partitions().size()
                    + " partitions; the schema registry needs exactly 1 (a total order of writes). Use another topic "
                    + "(TRIBUTARY_REGISTRY_TOPIC) or recreate it with 1 partition", null);
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .get(resource);
        String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy)) {
            throw new StoreException("Topic " + topic + " has cleanup.policy=" + policy + "; the schema registry needs "
                    + "cleanup.policy=compact or schemas would expire. Fix with: kafka-configs --alter --entity-type topics "
                    + "--entity-name " + topic + " --add-config cleanup.policy=compact", null);
        }
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tributary-schema-registry-" + topic);
        int write = (int) writeTimeout.toMillis();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, write);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, write);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(500, write / 2));
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "tributary-schema-registry");
        return props;
    }

    private Properties consumerProps() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-schema-registry-loader");
        return props;
    }
}
