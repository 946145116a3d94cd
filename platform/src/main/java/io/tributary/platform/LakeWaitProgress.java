package io.tributary.platform;

import io.tributary.contracts.metrics.MetricLabels;
import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.platform.progress.LakeBacklog;
import io.tributary.platform.progress.ProgressLines;
import io.tributary.platform.progress.ProgressRate;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints, every {@code interval} while the demo waits for the lake, how many records the lakehouse job has yet to read
 * ({@link LakeBacklog}: Kafka's end offsets of the CDC topics against the job's {@code consumed_offset} gauge), at what
 * rate and for about how long. Called from the wait's poll; a Kafka or metrics hiccup skips a line, never the wait.
 */
final class LakeWaitProgress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LakeWaitProgress.class);
    private static final String CDC_TOPICS = "tributary.shop.";

    private final String bootstrap;
    private final int lakePort;
    private final PrintWriter out;
    private final long intervalNanos;
    private final MetricsScraper scraper = new MetricsScraper();
    private final ProgressRate rate = new ProgressRate(30);
    private KafkaConsumer<byte[], byte[]> consumer;
    private long lastPrinted;
    private boolean allReadSaid;

    LakeWaitProgress(String bootstrap, int lakePort, PrintWriter out, Duration interval) {
        this.bootstrap = bootstrap;
        this.lakePort = lakePort;
        this.out = out;
        this.intervalNanos = interval.toNanos();
        this.lastPrinted = System.nanoTime();
    }

    /** Samples the backlog and prints a line when the interval has passed since the last one (or the start). */
    void poll() {
        long now = System.nanoTime();
        Optional<LakeBacklog> backlog = backlog();
        if (backlog.isEmpty()) {
            return;
        }
        rate.sample(now, backlog.get().recordsLeft());
        if (now - lastPrinted < intervalNanos || (allReadSaid && backlog.get().recordsLeft() == 0)) {
            return;
        }
        lastPrinted = now;
        allReadSaid = backlog.get().recordsLeft() == 0;
        out.println(ProgressLines.lake(backlog.get(), rate));
        out.flush();
    }

    private Optional<LakeBacklog> backlog() {
        Optional<PrometheusText> lake = scraper.scrape(lakePort);
        if (lake.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> consumed = consumedOffsets(lake.get());
        try {
            if (consumer == null) {
                consumer = ChaosTopicCounts.consumer(bootstrap, "tributary-demo-progress");
            }
            List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(5)).entrySet().stream()
                    .filter(e -> e.getKey().startsWith(CDC_TOPICS))
                    .flatMap(e -> e.getValue().stream().map(p -> new TopicPartition(p.topic(), p.partition())))
                    .toList();
            Map<String, Long> end = new HashMap<>();
            consumer.endOffsets(partitions, Duration.ofSeconds(5))
                    .forEach((tp, offset) -> end.put(tp.topic() + "#" + tp.partition(), offset));
            return Optional.of(LakeBacklog.of(end, consumed));
        } catch (KafkaException e) {
            LOG.debug("lake backlog not measured this time: {}", e.toString());
            return Optional.empty();
        }
    }

    /** The lakehouse job's {@code consumed_offset} gauge as {@code topic#partition} -> next offset it reads. */
    static Map<String, Long> consumedOffsets(PrometheusText lake) {
        Map<String, Long> consumed = new HashMap<>();
        lake.named(MetricNames.Lakehouse.CONSUMED_OFFSET).forEach(s -> consumed.put(
                s.label(MetricLabels.TOPIC) + "#" + s.label(MetricLabels.PARTITION), (long) s.value()));
        return consumed;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
    }
}
