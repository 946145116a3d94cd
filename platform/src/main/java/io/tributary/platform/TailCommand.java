package io.tributary.platform;

import io.tributary.serde.KafkaAvroDeserializer;
import io.tributary.serde.RegistryClientConfig;
import io.tributary.stack.LocalStack;
import io.tributary.stack.Service;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print the change events of a table's topic, decoded from Avro.",
                "The topic is tributary.shop.<table>, decoded through the schema registry; one line per event:",
                "partition/offset, op, key, the LSN (Debezium's number, and at the",
                "end of the line as PostgreSQL prints it), then the images: an update with both images shows only the",
                "columns it changed, and an image longer than 160 characters is trimmed (--full prints everything).",
                "Without --max, prints the last -n events and follows new ones until Ctrl-C;",
                "with --max N, prints the newest N events and exits (with --from-beginning, the oldest N)."})
final class TailCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Parameters(index = "0", paramLabel = "<table>", description = "Table name (orders) or a full topic name.")
    String table;

    @Option(names = "--from-beginning", description = "Start at the first event the topic holds.")
    boolean fromBeginning;

    @Option(names = {"-n", "--last"}, defaultValue = "10", description = "Start this many events before the end (default ${DEFAULT-VALUE}).")
    long last;

    @Option(names = "--max", defaultValue = "0",
            description = "Print the newest this many events and exit; 0 follows until Ctrl-C (default ${DEFAULT-VALUE}).")
    long max;

    @Option(names = "--full", description = "Print both images of every event in full, however long.")
    boolean full;

    @Option(names = "--idle-exit", defaultValue = "0s", description = "Stop after this long without a new event (0s: never).")
    String idleExit;

    @Override
    public Integer call() {
        Duration idle = "0s".equals(idleExit) ? Duration.ZERO : DurationText.parse(idleExit, "--idle-exit");
        LocalStack stack = options.stack().attachRunning(Service.KAFKA, Service.REGISTRY);
        String topic = table.contains(".") ? table : "tributary.shop." + table;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-tail");
        KafkaAvroDeserializer keys = new KafkaAvroDeserializer();
        KafkaAvroDeserializer values = new KafkaAvroDeserializer();
        keys.configure(Map.of(RegistryClientConfig.URL, stack.registryUrl()), true);
        values.configure(Map.of(RegistryClientConfig.URL, stack.registryUrl()), false);
        var out = options.out();
        long printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException("Topic " + topic + " does not exist (yet): is cdc-engine running and does"
                        + " table " + table + " exist in schema shop? `tributary status` shows the pipeline.");
            }
            List<TopicPartition> assigned = partitions.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(assigned);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            long back = max > 0 ? max : last;
            for (TopicPartition tp : assigned) {
                consumer.seek(tp, fromBeginning ? begin.get(tp) : Math.max(begin.get(tp), end.get(tp) - back));
            }
            if (max > 0 && !fromBeginning) {
                // the newest N across partitions: read each partition's last N, keep the N newest by timestamp
                List<ConsumerRecord<byte[], byte[]>> newest = NewestRecords.read(consumer, end, max);
                for (ConsumerRecord<byte[], byte[]> r : newest) {
                    out.println(ChangeEventText.of(r.partition(), r.offset(), keys.deserialize(topic, r.key()),
                            values.deserialize(topic, r.value()), full));
                }
                out.flush();
                return 0;
            }
            long lastEvent = System.nanoTime();
            while (max == 0 || printed < max) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    out.println(ChangeEventText.of(r.partition(), r.offset(), keys.deserialize(topic, r.key()),
                            values.deserialize(topic, r.value()), full));
                    printed++;
                    if (max > 0 && printed >= max) {
                        break;
                    }
                }
                out.flush();
                if (!records.isEmpty()) {
                    lastEvent = System.nanoTime();
                } else if (!idle.isZero() && System.nanoTime() - lastEvent > idle.toNanos()) {
                    break;
                }
            }
        }
        return 0;
    }
}
