package io.tributary.platform;

import io.tributary.console.lake.LakeLocation;
import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.stack.S3Endpoint;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's data, read from a running stack the way {@code tributary status} reads it: the services from the
 * data dir, the figures from each pipeline service's /metrics, PostgreSQL's rows with count(*), the latest reconcile
 * and chaos runs from {@link LastRuns}. The reconcile action runs the lakehouse job's reconcile in the background,
 * one at a time.
 */
final class StackConsoleSources extends ScrapedConsoleSources {
    private static final Logger LOG = LoggerFactory.getLogger(StackConsoleSources.class);

    private final RunningStack running;
    private final MetricsScraper scraper = new MetricsScraper();
    private final AtomicBoolean reconciling = new AtomicBoolean();

    StackConsoleSources(RunningStack running) {
        this.running = running;
    }

    @Override
    public String statusJson() {
        return StatusCommand.json(running);
    }

    @Override
    PrometheusText metrics(String stage) {
        return scrape(running.pipelinePorts().portOf(stage));
    }

    @Override
    Optional<Map<String, Long>> postgresCounts() {
        return ShopTableCounts.count(running.attach().postgres());
    }

    @Override
    String kafkaBootstrap() {
        return running.attach().kafkaBootstrap();
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
    public String registryUrl() {
        return "http://127.0.0.1:" + running.settings().ports().registry();
    }

    @Override
    public ReconcileStart startReconcile() {
        if (!reconciling.compareAndSet(false, true)) {
            return new ReconcileStart(false, "a reconcile started from the console is still running");
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
        return new ReconcileStart(true, "reconcile started: its report appears here when it ends (it waits for the lake"
                + " first; log " + running.settings().logFile("reconcile") + ")");
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
    public Optional<URI> lakehouseJobUrl() {
        return lakehouseJobUrl(running.pipelinePorts().lakehouseJob());
    }

    /** The job's HTTP server on 127.0.0.1 (where the stack binds it); none for a port turned off (-1) or unset. */
    static Optional<URI> lakehouseJobUrl(int port) {
        return port > 0 ? Optional.of(URI.create("http://127.0.0.1:" + port)) : Optional.empty();
    }

    private PrometheusText scrape(int port) {
        return scraper.scrape(port).orElse(PrometheusText.EMPTY);
    }
}
