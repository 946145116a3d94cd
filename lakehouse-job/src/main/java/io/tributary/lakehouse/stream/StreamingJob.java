package io.tributary.lakehouse.stream;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.gold.GoldQuery;
import io.tributary.lakehouse.lake.BronzeWriter;
import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.LiveFiles;
import io.tributary.lakehouse.lake.Maintenance;
import io.tributary.lakehouse.lake.QuarantineWriter;
import io.tributary.lakehouse.lake.S3Unavailable;
import io.tributary.lakehouse.lake.SilverWriter;
import io.tributary.lakehouse.lake.SmallFileCompaction;
import io.tributary.lakehouse.metrics.JobMetrics;
import io.tributary.lakehouse.metrics.MetricsServer;
import io.tributary.lakehouse.parking.TableParking;
import io.tributary.lakehouse.preview.LakePreview;
import io.tributary.lakehouse.preview.LakePreviewEndpoint;
import io.tributary.lakehouse.reconcile.CheckpointOffsets;
import io.tributary.runtime.StageLifecycle;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the streaming query: Kafka source (topic pattern) -> {@link MicroBatchProcessor} -> Delta on S3, with the
 * checkpoint next to the tables, the metrics endpoint and scheduled maintenance. Maintenance and batches share a
 * lock, so that OPTIMIZE/VACUUM never race a MERGE of this job (running them side by side in one session failed a
 * batch inside Spark: "SparkPlan.session() is null"). A conflict with another writer is retried ({@link CommitRetry}).
 */
public final class StreamingJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingJob.class);
    /** Spark's status message of a query whose last trigger found no data. */
    private static final String LAKE_IDLE = "Waiting for data to arrive";
    /** How long the gold query waits for the lake's first batch at most (its topics may not exist yet). */
    private static final java.time.Duration GOLD_START_AT_THE_LATEST = java.time.Duration.ofSeconds(90);

    private final LakehouseConfig config;
    private final JobMetrics metrics = new JobMetrics(Clock.systemUTC());
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final StageLifecycle lifecycle = new StageLifecycle("the lakehouse job");
    private SparkSession spark;
    private StreamingQuery query;
    /** The gold query, started once the lake's first batch is done (null when gold is off). */
    private AfterFirstBatch<StreamingQuery> gold;
    private MetricsServer metricsServer;
    private ScheduledExecutorService scheduler;
    private ExecutorService tablePool;
    private Maintenance maintenance;
    private MicroBatchProcessor processor;

    public StreamingJob(LakehouseConfig config) {
        this.config = config;
    }

    /** Starts the query; returns when it runs. */
    public StreamingJob start() throws IOException, TimeoutException {
        try {
            startQuery();
            lifecycle.running();
            return this;
        } catch (IOException | TimeoutException | RuntimeException | Error e) {
            recordFailure(e);
            throw e;
        }
    }

    private void startQuery() throws IOException, TimeoutException {
        Files.createDirectories(config.dataDir());
        spark = SparkSessions.createServingUi(config, "tributary-lakehouse-job");
        SparkUiAddress.port(spark.sparkContext().uiWebUrl()).ifPresent(port -> {
            metrics.sparkUiPort(port);
            LOG.info("Spark UI: {}", spark.sparkContext().uiWebUrl().get());
        });
        LakePaths paths = new LakePaths(config.lakeRoot());
        CommitRetry retry = new CommitRetry(config.commitRetries(), config.commitBackoff(),
                d -> Thread.sleep(d.toMillis()), metrics::commitRetried);
        tablePool = Executors.newFixedThreadPool(config.tableParallelism(), DaemonThreads.named("table-writer"));
        QuarantineWriter quarantine = new QuarantineWriter(paths, retry);
        createQuarantineBesideTheQuery(quarantine, paths);
        SmallFileCompaction compaction = new SmallFileCompaction(spark, retry, config.compactAfterFiles());
        TableBatchWriter writer = new TableBatchWriter(config, new BronzeWriter(paths, retry),
                new SilverWriter(spark, paths, retry, config.silverDeletionVectors()), quarantine, compaction, paths,
                new LiveFiles(spark, paths), metrics);
        processor = new MicroBatchProcessor(spark, config, writer, new TableParking(spark, paths, retry).load(),
                metrics, writeLock, tablePool);
        maintenance = new Maintenance(spark, paths, retry, config.vacuumRetention(), config.tombstoneRetention(),
                Clock.systemUTC());

        if (config.metricsPort() >= 0) {
            metricsServer = new MetricsServer(config.metricsHost(), config.metricsPort(), metrics, this::health,
                    this::maintainNow, this::resume,
                    new LakePreviewEndpoint(new LakePreview(spark, paths), LakePreviewEndpoint.DEFAULT_TIMEOUT));
        }
        spark.streams().addListener(new ProgressListener());

        query = kafkaSource(spark, config)
                .option("subscribePattern", config.topicPattern().pattern())
                .load()
                .writeStream()
                .queryName(config.queryName())
                .option("checkpointLocation", config.checkpointLocation())
                .trigger(Trigger.ProcessingTime(config.triggerInterval().toMillis()))
                .foreachBatch(processor)
                .start();
        LOG.info("streaming query {} (id {}) started: topics /{}/ -> {}", config.queryName(), query.id(),
                config.topicPattern(), config.lakeRoot());
        if (config.goldEnabled()) {
            gold = new AfterFirstBatch<>("the gold query", GOLD_START_AT_THE_LATEST,
                    () -> LAKE_IDLE.equals(query.status().message()),
                    () -> GoldQuery.start(spark, config, System.getenv(), retry, compaction, metrics), this::stopLakeQuery);
        }

        if (!config.maintenanceInterval().isZero()) {
            scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("maintenance"));
            long every = config.maintenanceInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::scheduledMaintenance, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Creates the empty {@code lake.quarantine} on its own thread while the query starts: it is the JVM's first Delta
     * write (class loading, S3A set-up, ~15 s of a cold start on two cores) and nothing the first batch needs, except
     * for a poison record, whose append waits for it ({@link QuarantineWriter} is synchronized). A failure is logged;
     * the first append creates the table then.
     */
    private void createQuarantineBesideTheQuery(QuarantineWriter quarantine, LakePaths paths) {
        Thread creator = new Thread(() -> {
            try {
                if (quarantine.createIfMissing(spark)) {
                    LOG.info("lake.quarantine created (empty) at {}", paths.quarantine());
                }
            } catch (RuntimeException e) {
                LOG.warn("lake.quarantine could not be created now ({}); the first poison record's append creates it",
                        e.toString(), e);
            }
        }, "quarantine-create");
        creator.setDaemon(true);
        creator.start();
    }

    /**
     * The Kafka source as the job's queries read it: the broker, where a query without checkpoint starts, the bound of
     * a batch, and no silent loss; the caller names the topics.
     */
    public static DataStreamReader kafkaSource(SparkSession spark, LakehouseConfig config) {
        return spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", config.kafkaBootstrap())
                .option("startingOffsets", config.startingOffsets().name().toLowerCase(Locale.ROOT))
                .option("maxOffsetsPerTrigger", config.maxOffsetsPerTrigger())
                .option("failOnDataLoss", "true");
    }

    /**
     * Blocks until the query (or the gold query, when it runs) stops; throws when one failed, or when the gold query
     * could not start ({@link IllegalStateException} with its cause).
     */
    public void awaitTermination() throws StreamingQueryException {
        try {
            if (gold == null) {
                query.awaitTermination();
                return;
            }
            spark.streams().awaitAnyTermination();
            Optional<Exception> goldStart = gold.failure();
            if (goldStart.isPresent()) {
                throw new IllegalStateException("gold: " + goldStart.get().getMessage(), goldStart.get());
            }
            for (StreamingQuery q : queries()) {
                if (q.exception().isDefined()) {
                    throw q.exception().get();
                }
            }
        } catch (StreamingQueryException | RuntimeException e) {
            recordFailure(e);
            throw e;
        }
    }

    /** The queries started so far: the lake's, and the gold query once it runs. */
    private List<StreamingQuery> queries() {
        List<StreamingQuery> queries = new java.util.ArrayList<>(List.of(query));
        if (gold != null) {
            gold.started().ifPresent(queries::add);
        }
        return queries;
    }

    /** The gold query could not start: the lake query stops too, so that {@link #awaitTermination} reports it. */
    private void stopLakeQuery() {
        stop(query, "the lake query");
    }

    /**
     * Stops a query; on SIGTERM Spark's own shutdown hook may have stopped the context first, which ended the query
     * already (stopping it then would throw, and skip the rest of {@link #close}).
     */
    private void stop(StreamingQuery q, String name) {
        if (spark.sparkContext().isStopped()) {
            LOG.info("{} ended with Spark's context", name);
            return;
        }
        try {
            q.stop();
        } catch (TimeoutException e) {
            LOG.warn("{} did not stop in time", name, e);
        }
    }

    /** Where the job is (starting, running, stopping, stopped, or failed with its cause). */
    public StageLifecycle lifecycle() {
        return lifecycle;
    }

    /** The job fails with {@code e}; the caller throws {@code e} on, which a refused move must not replace. */
    private void recordFailure(Throwable e) {
        try {
            lifecycle.failed(e);
        } catch (IllegalStateException refused) { // the job was closed before the failure arrived
            e.addSuppressed(refused);
        }
    }

    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    public JobMetrics metrics() {
        return metrics;
    }

    private String health() {
        boolean active = query != null && query.isActive() && (gold == null || gold.pending()
                || gold.started().map(StreamingQuery::isActive).orElse(false));
        return (active ? "UP" : "DOWN") + " batches=" + metrics.batchesTotal() + "\n";
    }

    private void scheduledMaintenance() {
        try {
            maintain(true);
        } catch (RuntimeException e) {
            // outside the stream: a failed OPTIMIZE/VACUUM leaves the tables consistent; the next run retries
            if (S3Unavailable.describe(e, "", "", "").isPresent()) {
                LOG.warn("scheduled maintenance skipped, S3 does not answer ({}); next attempt in {}", e.toString(),
                        config.maintenanceInterval());
            } else {
                LOG.error("scheduled maintenance failed; next attempt in {}", config.maintenanceInterval(), e);
            }
        }
    }

    /** Replays a parked table's records and lets it stream again (served on POST /tables/<table>/resume). */
    public String resume(String table) {
        return processor.resume(table);
    }

    /** Runs maintenance of every table now, between two batches; returns a report (served on POST /maintain). */
    public String maintainNow() {
        return maintain(false);
    }

    private String maintain(boolean changedOnly) {
        writeLock.lock();
        try {
            StringBuilder report = new StringBuilder();
            for (Maintenance.TableReport r : maintenance.run(changedOnly)) {
                report.append(r.table()).append(": compacted ").append(r.filesRemoved()).append(" files into ")
                        .append(r.filesAdded()).append(", purged ").append(r.tombstonesPurged())
                        .append(" tombstones\n");
            }
            metrics.maintenanceRun();
            return report.toString();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        boolean stopping = lifecycle.requestStop(null);
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (gold != null) {
            gold.close();
            gold.started().ifPresent(goldQuery -> stop(goldQuery, "the gold query"));
        }
        if (query != null) {
            stop(query, "the lake query");
        }
        if (tablePool != null) {
            tablePool.shutdownNow();
        }
        if (metricsServer != null) {
            metricsServer.close();
        }
        if (spark != null) {
            spark.stop();
        }
        if (stopping) {
            lifecycle.ended();
        }
        LOG.info("lakehouse job stopped");
    }

    private final class ProgressListener extends StreamingQueryListener {
        @Override
        public void onQueryStarted(QueryStartedEvent event) {
        }

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
            var p = event.progress();
            if (!config.queryName().equals(p.name())) {
                return; // the gold query reports its own figures
            }
            if (gold != null) {
                gold.batchFinished();
            }
            metrics.progress(p.inputRowsPerSecond(), p.processedRowsPerSecond());
            for (var source : p.sources()) {
                if (source.endOffset() != null && source.endOffset().startsWith("{")) {
                    metrics.consumed(CheckpointOffsets.sourceOffsets(source.endOffset(), "batch " + p.batchId()));
                }
            }
            if (p.numInputRows() > 0) {
                LOG.info("progress: batch {} read {} rows, {} rows/s processed", p.batchId(), p.numInputRows(),
                        String.format("%.0f", p.processedRowsPerSecond()));
            }
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {
            // the failure itself is reported once, by the command that ran the query (LakehouseJobMain)
            if (event.exception().isDefined()) {
                LOG.debug("query terminated with {}", event.exception().get());
            }
        }
    }
}
