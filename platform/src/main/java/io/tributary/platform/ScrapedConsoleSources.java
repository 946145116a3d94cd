package io.tributary.platform;

import io.tributary.console.ConsoleSources;
import io.tributary.console.Sample;
import io.tributary.console.TableCounts;
import io.tributary.console.topics.TopicReader;
import io.tributary.contracts.metrics.MetricLabels;
import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.contracts.reconcile.ReconcileJson;
import io.tributary.serde.CachingSchemaRegistryClient;
import io.tributary.serde.RegistryClientSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the console reads from the pipeline stages' /metrics, from PostgreSQL's tables and from Kafka, wherever those
 * are: over the local stack ({@link StackConsoleSources}) or over servers named by their addresses
 * ({@link AddressedConsoleSources}, compose's console service).
 */
abstract class ScrapedConsoleSources implements ConsoleSources {
    private final AtomicReference<PipelineFigures> last = new AtomicReference<>(PipelineFigures.NONE);
    private final AtomicReference<ChangeMessageDecoder> decoder = new AtomicReference<>();

    /** The /metrics of a pipeline stage ({@link Pipeline#CDC_ENGINE}, ...), empty when it does not answer. */
    abstract PrometheusText metrics(String stage);

    /** The rows of every table of schema {@code shop} now, empty when PostgreSQL does not answer. */
    abstract Optional<Map<String, Long>> postgresCounts();

    /** Kafka's bootstrap servers, for the topics page. */
    abstract String kafkaBootstrap();

    @Override
    public Sample sample() {
        PipelineFigures figures = last.updateAndGet(previous -> PipelineFigures.of(metrics(Pipeline.SIMULATOR),
                metrics(Pipeline.CDC_ENGINE), metrics(Pipeline.LAKEHOUSE_JOB), previous));
        return new Sample(System.currentTimeMillis(), figures.written(), figures.captured(), figures.bronze(),
                figures.merged(), figures.cdcLagSeconds(), figures.freshnessSeconds());
    }

    @Override
    public List<TableCounts> tables() {
        Map<String, Long> postgres = postgresCounts().orElse(Map.of());
        PrometheusText cdc = metrics(Pipeline.CDC_ENGINE);
        PrometheusText lake = metrics(Pipeline.LAKEHOUSE_JOB);
        Map<String, Long> silver = new TreeMap<>();
        lastReconcileJson().map(ReconcileJson::read)
                .ifPresent(r -> r.tables().forEach(t -> silver.put(t.table(), t.silverRows())));
        return tables(postgres, cdc, lake, silver);
    }

    /** Per table named by any source (PostgreSQL, the stages' metrics, the latest reconcile), its counts. Pure. */
    static List<TableCounts> tables(Map<String, Long> postgres, PrometheusText cdc, PrometheusText lake, Map<String, Long> silver) {
        Map<String, Long> captured = cdc.isEmpty() ? Map.of() : PipelineFigures.capturedByTable(cdc);
        Map<String, Double> bronze = lake.sumBy(MetricNames.Lakehouse.BRONZE_ROWS_TOTAL, MetricLabels.TABLE);
        Map<String, Double> merged = lake.sumBy(MetricNames.Lakehouse.ROWS_MERGED_TOTAL, MetricLabels.TABLE);
        TreeSet<String> names = new TreeSet<>(postgres.keySet());
        names.addAll(captured.keySet());
        names.addAll(bronze.keySet());
        names.addAll(silver.keySet());
        List<TableCounts> result = new ArrayList<>();
        for (String table : names) {
            result.add(new TableCounts(table, of(postgres.get(table)), of(captured.get(table)),
                    lake.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Math.round(bronze.getOrDefault(table, 0.0))),
                    lake.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Math.round(merged.getOrDefault(table, 0.0))),
                    of(silver.get(table))));
        }
        return result;
    }

    @Override
    public OptionalLong quarantined() {
        PrometheusText lake = metrics(Pipeline.LAKEHOUSE_JOB);
        return lake.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Math.round(lake.sum(MetricNames.Lakehouse.QUARANTINED_TOTAL)));
    }

    @Override
    public Optional<TopicReader> topicReader() {
        ChangeMessageDecoder messages = decoder.updateAndGet(d -> d != null ? d : new ChangeMessageDecoder(
                new CachingSchemaRegistryClient(URI.create(registryUrl()), RegistryClientSettings.defaults())));
        return Optional.of(new KafkaTopicReader(kafkaBootstrap(), messages));
    }

    @Override
    public Optional<String> sparkUiUrl() {
        return SparkUiLink.of(metrics(Pipeline.LAKEHOUSE_JOB));
    }

    private static OptionalLong of(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
