package io.tributary.platform;

import io.tributary.console.ConsoleSources;
import io.tributary.console.lake.LakeLocation;
import io.tributary.console.topics.TopicReader;
import io.tributary.console.Sample;
import io.tributary.console.TableCounts;
import io.tributary.contracts.metrics.MetricLabels;
import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.contracts.reconcile.ReconcileJson;
import io.tributary.serde.CachingSchemaRegistryClient;
import io.tributary.serde.RegistryClientSettings;
import io.tributary.stack.S3Endpoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's data, read from a running stack the way {@code tributary status} reads it: the services from the
 * data dir, the figures from each pipeline service's /metrics, PostgreSQL's rows with count(*), the latest reconcile
 * and chaos runs from {@link LastRuns}. The reconcile action runs the lakehouse job's reconcile in the background,
 * one at a time.
 */
final class StackConsoleSources implements ConsoleSources {
    private static final Logger LOG = LoggerFactory.getLogger(StackConsoleSources.class);

    private final RunningStack running;
    private final MetricsScraper scraper = new MetricsScraper();
    private final AtomicReference<PipelineFigures> last = new AtomicReference<>(PipelineFigures.NONE);
    private final AtomicBoolean reconciling = new AtomicBoolean();
    private final AtomicReference<ChangeMessageDecoder> decoder = new AtomicReference<>();

    StackConsoleSources(RunningStack running) {
        this.running = running;
    }

    @Override
    public String statusJson() {
        return StatusCommand.json(running);
    }

    @Override
    public Sample sample() {
        PipelinePorts ports = running.pipelinePorts();
        PipelineFigures figures = last.updateAndGet(previous -> PipelineFigures.of(scrape(ports.simulator()),
                scrape(ports.cdcEngine()), scrape(ports.lakehouseJob()), previous));
        return new Sample(System.currentTimeMillis(), figures.written(), figures.captured(), figures.bronze(),
                figures.merged(), figures.cdcLagSeconds(), figures.freshnessSeconds());
    }

    @Override
    public List<TableCounts> tables() {
        PipelinePorts ports = running.pipelinePorts();
        Map<String, Long> postgres = ShopTableCounts.count(running.attach().postgres()).orElse(Map.of());
        PrometheusText cdc = scrape(ports.cdcEngine());
        PrometheusText lake = scrape(ports.lakehouseJob());
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
    public Optional<String> lastReconcileJson() {
        return new LastRuns(running.dataDir()).reconcile();
    }

    @Override
    public Optional<String> lastChaosSummary() {
        return new LastRuns(running.dataDir()).chaos();
    }

    @Override
    public OptionalLong quarantined() {
        PrometheusText lake = scrape(running.pipelinePorts().lakehouseJob());
        return lake.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Math.round(lake.sum(MetricNames.Lakehouse.QUARANTINED_TOTAL)));
    }

    @Override
    public String registryUrl() {
        return "http://127.0.0.1:" + running.settings().ports().registry();
    }

    @Override
    public String startReconcile() {
        if (!reconciling.compareAndSet(false, true)) {
            return "a reconcile started from the console is still running";
        }
        Thread thread = new Thread(() -> {
            try {
                LakehouseTool.Result result = ReconcileCommand.run(running, List.of("--json", "--timeout", "300s"), null);
                LOG.info("console: reconcile exited with {} (log {})", result.exitCode(), result.log());
            } catch (RuntimeException e) {
                LOG.warn("console: reconcile failed: {}", e.getMessage());
            } finally {
                reconciling.set(false);
            }
        }, "console-reconcile");
        thread.setDaemon(true);
        thread.start();
        return "reconcile started: its report appears here when it ends (it waits for the lake first; log "
                + running.settings().logFile("reconcile") + ")";
    }

    @Override
    public Optional<LakeLocation> lake() {
        try {
            S3Endpoint s3 = running.attach().s3();
            return Optional.of(new LakeLocation(s3.endpoint(), s3.region(), s3.bucket(), s3.accessKey(), s3.secretKey()));
        } catch (RuntimeException e) {
            LOG.debug("console: the lake's S3 is not known: {}", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public Optional<TopicReader> topicReader() {
        ChangeMessageDecoder messages = decoder.updateAndGet(d -> d != null ? d : new ChangeMessageDecoder(
                new CachingSchemaRegistryClient(URI.create(registryUrl()), RegistryClientSettings.defaults())));
        return Optional.of(new KafkaTopicReader(running.attach().kafkaBootstrap(), messages));
    }

    @Override
    public Optional<URI> lakehouseJobUrl() {
        return lakehouseJobUrl(running.pipelinePorts().lakehouseJob());
    }

    /** The job's HTTP server on 127.0.0.1 (where the stack binds it); none for a port turned off (-1) or unset. */
    static Optional<URI> lakehouseJobUrl(int port) {
        return port > 0 ? Optional.of(URI.create("http://127.0.0.1:" + port)) : Optional.empty();
    }

    @Override
    public Optional<String> sparkUiUrl() {
        return SparkUiLink.of(scrape(running.pipelinePorts().lakehouseJob()));
    }

    private PrometheusText scrape(int port) {
        return scraper.scrape(port).orElse(PrometheusText.EMPTY);
    }

    private static OptionalLong of(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
