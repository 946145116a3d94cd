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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
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
    private Admin admin;
    private long lastPrinted;
    private boolean allReadSaid;
    private boolean failureSaid;

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
            if (admin == null) {
                admin = Admin.create(adminConfig(bootstrap));
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Set<String> topics = admin.listTopics().names().get(5, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(CDC_TOPICS)).collect(Collectors.toSet());
            admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values().forEach(d -> d.partitions()
                    .forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<String, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS)
                    .forEach((tp, info) -> end.put(tp.topic() + "#" + tp.partition(), info.offset()));
            return Optional.of(LakeBacklog.of(end, consumed));
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            // the first failure is said: a permanent one (a refused client setting) must not hide as a hiccup
            if (!failureSaid) {
                failureSaid = true;
                LOG.warn("The lake's backlog cannot be measured ({}); the wait goes on without progress lines", e.toString());
            } else {
                LOG.debug("lake backlog not measured this time: {}", e.toString());
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * A short-lived admin client's settings: calls give up after 5 s. Kafka refuses a {@code default.api.timeout.ms}
     * below {@code request.timeout.ms} (30 s by default) with a ConfigException, so both are set.
     */
    static Map<String, Object> adminConfig(String bootstrap) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "tributary-demo-progress",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
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
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
