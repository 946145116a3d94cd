package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Three KRaft nodes of the stack: a topic replicated three times with two in-sync replicas required, the partition
 * leader's node killed with SIGKILL while the same producer (acks=all, idempotent) and consumer go on; every
 * acknowledged record is read back exactly once, leadership moves, and the restarted node rejoins the ISR.
 */
class KafkaClusterIT {
    private static final String TOPIC = "it.cluster";
    private static final int KEYS = 20;

    @Test
    void leaderKilledNothingAcknowledgedLostLeadershipMovesAndTheNodeRejoins() throws Exception {
        StackSettings settings = StackSettings.testBuilder(TestDirs.fresh(KafkaClusterIT.class))
                .ports(StackPorts.free(3)).kafkaBrokers(3).build();
        try (LocalStack stack = LocalStack.start(settings, Service.KAFKA);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            assertThat(stack.kafkaBootstrap().split(",")).hasSize(3);
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).extracting(Node::id)
                    .containsExactlyInAnyOrder(1, 2, 3);
            // the topic takes the brokers' defaults: replication factor 3, min.insync.replicas 2
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
            assertThat(partition(admin).replicas()).hasSize(3);
            ConfigResource topicConfig = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            assertThat(admin.describeConfigs(List.of(topicConfig)).all().get(30, TimeUnit.SECONDS).get(topicConfig)
                    .get("min.insync.replicas").value()).isEqualTo("2");

            List<String> acknowledged = new ArrayList<>();
            List<String> read = new ArrayList<>();
            try (KafkaProducer<String, String> producer = producer(stack.kafkaBootstrap());
                    KafkaConsumer<String, String> consumer = consumer(stack.kafkaBootstrap())) {
                TopicPartition tp = new TopicPartition(TOPIC, 0);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                produce(producer, 0, 300, acknowledged);
                poll(consumer, read, acknowledged.size());

                TopicPartitionInfo before = partition(admin);
                int leader = before.leader().id();
                String leaderName = settings.kafkaCluster().node(leader).name();
                long leaderPid = stack.pid(leaderName);
                stack.kill(leaderName);
                assertThat(ProcessHandle.of(leaderPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

                produce(producer, 300, 600, acknowledged);
                TopicPartitionInfo after = partition(admin);
                assertThat(after.leader().id()).as("a new leader was elected").isNotEqualTo(leader);
                assertThat(after.isr()).extracting(Node::id).doesNotContain(leader).hasSize(2);
                poll(consumer, read, acknowledged.size());

                stack.start(Service.KAFKA);
                assertThat(stack.pid(leaderName)).isNotEqualTo(leaderPid);
                TopicPartitionInfo rejoined = awaitPartition(admin, p -> p.isr().size() == 3, Duration.ofSeconds(60));
                assertThat(rejoined.isr()).extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3);
                produce(producer, 600, 700, acknowledged);
                poll(consumer, read, acknowledged.size());
                consumer.poll(Duration.ofMillis(500)).forEach(r -> read.add(r.key() + "=" + r.value()));
            }

            assertThat(acknowledged).hasSize(700);
            assertThat(read).as("every acknowledged record read back exactly once").containsExactlyInAnyOrderElementsOf(acknowledged);
            for (int k = 0; k < KEYS; k++) {
                String prefix = "k" + k + "=";
                assertThat(read.stream().filter(r -> r.startsWith(prefix)).toList()).as("order of key k" + k)
                        .containsExactlyElementsOf(acknowledged.stream().filter(r -> r.startsWith(prefix)).toList());
            }
        }
    }

    private static void produce(KafkaProducer<String, String> producer, int from, int to, List<String> acknowledged)
            throws Exception {
        for (int i = from; i < to; i++) {
            String key = "k" + (i % KEYS);
            producer.send(new ProducerRecord<>(TOPIC, key, "v" + i)).get(90, TimeUnit.SECONDS);
            acknowledged.add(key + "=v" + i);
        }
    }

    private static void poll(KafkaConsumer<String, String> consumer, List<String> read, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (read.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                read.add(r.key() + "=" + r.value());
            }
        }
    }

    private static TopicPartitionInfo partition(Admin admin) throws Exception {
        TopicDescription description = admin.describeTopics(Set.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC);
        return description.partitions().get(0);
    }

    private static TopicPartitionInfo awaitPartition(Admin admin, Predicate<TopicPartitionInfo> wanted, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        TopicPartitionInfo last = partition(admin);
        while (!wanted.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            last = partition(admin);
        }
        return last;
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 90_000);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
