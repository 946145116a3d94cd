package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stack's KRaft broker: idempotent acks=all produce read back exactly, and a SIGKILL survived with the data. */
class KafkaIT {
    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(StackSettings.forTests(TestDirs.fresh(KafkaIT.class)), Service.KAFKA);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void idempotentProduceWithAcksAllIsConsumedBackExactly() throws Exception {
        createTopic("it.exact", 3);
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 500; i++) {
                String key = "k" + (i % 17);
                String value = "v" + i;
                producer.send(new ProducerRecord<>("it.exact", key, value)).get(30, TimeUnit.SECONDS);
                sent.add(key + "=" + value);
            }
        }
        List<ConsumerRecord<String, String>> received = consumeAll("it.exact", sent.size());
        assertThat(received).extracting(r -> r.key() + "=" + r.value()).containsExactlyInAnyOrderElementsOf(sent);
        // per key, order is kept (one partition per key)
        for (int k = 0; k < 17; k++) {
            String key = "k" + k;
            List<String> expected = sent.stream().filter(s -> s.startsWith(key + "=")).toList();
            assertThat(received.stream().filter(r -> r.key().equals(key)).map(r -> r.key() + "=" + r.value()).toList())
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void sigkilledBrokerRestartsWithAcknowledgedRecordsIntact() throws Exception {
        createTopic("it.crash", 1);
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>("it.crash", "id-" + i, "before-" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        long before = stack.pid(Service.KAFKA);
        Path meta = stack.settings().serviceDir(Service.KAFKA).resolve("data/meta.properties");
        String clusterBefore = Files.readString(meta);

        stack.kill(Service.KAFKA);
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        stack.start(Service.KAFKA);

        assertThat(stack.pid(Service.KAFKA)).isNotEqualTo(before);
        assertThat(Files.readString(meta)).as("the log dir is never re-formatted").isEqualTo(clusterBefore);
        List<ConsumerRecord<String, String>> received = consumeAll("it.crash", 50);
        assertThat(received).extracting(ConsumerRecord::value)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).mapToObj(i -> "before-" + i).toList());
    }

    private static void createTopic(String name, int partitions) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic + "-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            // nothing beyond what was sent
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
