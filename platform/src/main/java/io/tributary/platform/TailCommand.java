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
import org.apache.avro.generic.GenericRecord;
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
        description = {"Print the change events of a table's topic (tributary.shop.<table>), decoded from Avro through",
                "the schema registry: partition/offset, op, key, before and after. Follows new events until Ctrl-C",
                "(or --max). Without --from-beginning, starts at the last -n events."})
final class TailCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Parameters(index = "0", paramLabel = "<table>", description = "Table name (orders) or a full topic name.")
    String table;

    @Option(names = "--from-beginning", description = "Every event the topic holds.")
    boolean fromBeginning;

    @Option(names = {"-n", "--last"}, defaultValue = "10", description = "Start this many events before the end (default ${DEFAULT-VALUE}).")
    long last;

    @Option(names = "--max", defaultValue = "0", description = "Stop after this many events (0: follow until Ctrl-C).")
    long max;

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
            for (TopicPartition tp : assigned) {
                consumer.seek(tp, fromBeginning ? begin.get(tp) : Math.max(begin.get(tp), end.get(tp) - last));
            }
            long lastEvent = System.nanoTime();
            while (max == 0 || printed < max) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    out.println(EventText.of(r.partition(), r.offset(), keys.deserialize(topic, r.key()),
                            values.deserialize(topic, r.value())));
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

    /** One change event as one line. */
    static final class EventText {
        private EventText() {
        }

        static String of(int partition, long offset, Object key, Object value) {
            StringBuilder sb = new StringBuilder().append(partition).append('/').append(offset).append(' ');
            if (value == null) {
                return sb.append("tombstone key=").append(text(key)).toString();
            }
            if (value instanceof GenericRecord envelope && envelope.getSchema().getField("op") != null) {
                sb.append(envelope.get("op")).append(" key=").append(text(key));
                Object source = envelope.get("source");
                if (source instanceof GenericRecord s && s.getSchema().getField("lsn") != null) {
                    sb.append(" lsn=").append(s.get("lsn"));
                }
                for (String image : new String[] {"before", "after"}) {
                    if (envelope.get(image) != null) {
                        sb.append(' ').append(image).append('=')
                                .append(AvroText.of(envelope.get(image), envelope.getSchema().getField(image).schema()));
                    }
                }
                return sb.toString();
            }
            return sb.append("key=").append(text(key)).append(" value=").append(text(value)).toString();
        }

        private static String text(Object datum) {
            return datum instanceof GenericRecord r ? AvroText.of(r, r.getSchema()) : String.valueOf(datum);
        }
    }
}
