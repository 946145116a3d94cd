package io.tributary.lakehouse.metrics;

import static io.tributary.contracts.metrics.MetricLabels.LAYER;
import static io.tributary.contracts.metrics.MetricLabels.PARTITION;
import static io.tributary.contracts.metrics.MetricLabels.REASON;
import static io.tributary.contracts.metrics.MetricLabels.SINCE_BATCH;
import static io.tributary.contracts.metrics.MetricLabels.TABLE;
import static io.tributary.contracts.metrics.MetricLabels.TOPIC;

import io.tributary.contracts.metrics.MetricNames.Lakehouse;
import io.tributary.contracts.prometheus.PrometheusWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The job's metrics, rendered in the Prometheus text format. Thread-safe: batches update, the HTTP server reads.
 */
public final class JobMetrics {

    private final Clock clock;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final AtomicLong inputRows = new AtomicLong();
    private final DoubleAdder batchSecondsSum = new DoubleAdder();
    private volatile double lastBatchSeconds;
    private volatile double inputRowsPerSecond;
    private volatile double processedRowsPerSecond;
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong tombstonesSkipped = new AtomicLong();
    private final Map<String, AtomicLong> rowsMerged = new ConcurrentSkipListMap<>();
    private final Map<String, AtomicLong> bronzeRows = new ConcurrentSkipListMap<>();
    private final Map<String, Long> newestSourceTsMs = new ConcurrentHashMap<>();
    private final Map<String, io.tributary.lakehouse.parking.ParkedTable> parked = new ConcurrentSkipListMap<>();
    private final AtomicLong maintenanceRuns = new AtomicLong();
    private final AtomicLong codegenCompilations = new AtomicLong();
    private final AtomicLong commitRetries = new AtomicLong();
    private final AtomicLong goldBatches = new AtomicLong();
    private final AtomicLong goldLateChanges = new AtomicLong();
    private final AtomicLong goldDuplicates = new AtomicLong();
    private volatile double goldWatermarkSeconds;
    /** topic#partition -> next offset to read, after the last completed batch */
    private final Map<String, Long> consumedOffsets = new ConcurrentSkipListMap<>();
    /** layer/table -> live files of the latest version */
    private final Map<String, Long> liveFiles = new ConcurrentSkipListMap<>();
    private volatile int sparkUiPort;

    private final ChangeFreshness changeFreshness;

    public JobMetrics(Clock clock) {
        this.clock = clock;
        this.changeFreshness = new ChangeFreshness(clock, java.time.Duration.ofMinutes(1));
    }

    /** A table's silver commit is visible now: its changes' freshness, one figure per source commit time. */
    public void changesVisible(Map<Long, Long> sourceTsCounts) {
        changeFreshness.committed(sourceTsCounts, clock.millis());
    }

    /** The q-quantile of the freshness of the changes made visible in the last minute. */
    public java.util.OptionalDouble recentFreshness(double q) {
        return changeFreshness.recentQuantile(q);
    }

    /** The offsets (topic#partition -> next offset to read) the streaming query's last completed batch ended at. */
    public void consumed(Map<String, Long> offsets) {
        consumedOffsets.putAll(offsets);
    }

    /** A table's latest version holds {@code files} data files ({@code layer}: bronze or silver). */
    public void liveFiles(String layer, String table, long files) {
        liveFiles.put(layer + "/" + table, files);
    }

    public void batchCompleted(double seconds, long rows) {
        batches.incrementAndGet();
        inputRows.addAndGet(rows);
        batchSecondsSum.add(seconds);
        lastBatchSeconds = seconds;
    }

    public void batchFailed() {
        failedBatches.incrementAndGet();
    }

    /** Rates as Spark reports them in the query progress. */
    public void progress(double inputPerSecond, double processedPerSecond) {
        inputRowsPerSecond = inputPerSecond;
        processedRowsPerSecond = processedPerSecond;
    }

    public void quarantined(long n) {
        quarantined.addAndGet(n);
    }

    public void tombstonesSkipped(long n) {
        tombstonesSkipped.addAndGet(n);
    }

    public void merged(String table, long rows) {
        rowsMerged.computeIfAbsent(table, t -> new AtomicLong()).addAndGet(rows);
    }

    public void bronzeAppended(String table, long rows) {
        bronzeRows.computeIfAbsent(table, t -> new AtomicLong()).addAndGet(rows);
    }

    /** The newest source commit time applied to a table; freshness is measured against it. */
    public void applied(String table, long sourceTsMs) {
        newestSourceTsMs.merge(table, sourceTsMs, Math::max);
    }

    /** A table the job parked (or found parked at start). */
    public void parked(io.tributary.lakehouse.parking.ParkedTable table) {
        parked.put(table.table(), table);
    }

    public void resumed(String table) {
        parked.remove(table);
    }

    /** The JVM's count of Spark code compilations so far (stable plans keep it flat from batch to batch). */
    public void codegenCompilations(long total) {
        codegenCompilations.set(total);
    }

    public void maintenanceRun() {
        maintenanceRuns.incrementAndGet();
    }

    public void commitRetried() {
        commitRetries.incrementAndGet();
    }

    /** A gold batch was written: its late changes and replays, and the watermark after it (null: none yet). */
    public void goldBatch(long lateChanges, long duplicates, java.time.Instant watermark) {
        goldBatches.incrementAndGet();
        goldLateChanges.addAndGet(lateChanges);
        goldDuplicates.addAndGet(duplicates);
        if (watermark != null) {
            goldWatermarkSeconds = watermark.toEpochMilli() / 1000.0;
        }
    }

    public long goldLateChangesTotal() {
        return goldLateChanges.get();
    }

    public long quarantinedTotal() {
        return quarantined.get();
    }

    public long batchesTotal() {
        return batches.get();
    }

    /** Spark's web UI serves on this port (the console and {@code tributary status} link to it). */
    public void sparkUiPort(int port) {
        sparkUiPort = port;
    }

    public double lastBatchSeconds() {
        return lastBatchSeconds;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        PrometheusWriter out = new PrometheusWriter(sb);
        out.counter(Lakehouse.BATCHES_TOTAL, "Micro-batches committed.", batches.get());
        out.counter(Lakehouse.BATCH_FAILURES_TOTAL, "Micro-batches that failed (the query stops).", failedBatches.get());
        out.counter(Lakehouse.INPUT_ROWS_TOTAL, "Kafka records read.", inputRows.get());
        out.gauge(Lakehouse.INPUT_ROWS_PER_SECOND, "Input rate of the last batch (Spark progress).", inputRowsPerSecond);
        out.gauge(Lakehouse.PROCESSED_ROWS_PER_SECOND, "Processing rate of the last batch.", processedRowsPerSecond);
        out.gauge(Lakehouse.LAST_BATCH_DURATION_SECONDS, "Duration of the last micro-batch.", lastBatchSeconds);
        out.family(Lakehouse.BATCH_DURATION_SECONDS, "summary", "Micro-batch durations.")
                .sample(Lakehouse.BATCH_DURATION_SECONDS_SUM, batchSecondsSum.sum())
                .sample(Lakehouse.BATCH_DURATION_SECONDS_COUNT, batches.get());
        out.counter(Lakehouse.QUARANTINED_TOTAL, "Poison records written to the quarantine table.", quarantined.get());
        out.counter(Lakehouse.KAFKA_TOMBSTONES_TOTAL, "Kafka tombstones (null values) skipped.", tombstonesSkipped.get());
        out.counter(Lakehouse.CODEGEN_COMPILATIONS_TOTAL,
                "Classes Spark generated and compiled (flat once every plan was seen: its cache is hit).",
                codegenCompilations.get());
        out.counter(Lakehouse.MAINTENANCE_RUNS_TOTAL, "Maintenance runs (OPTIMIZE, purge, VACUUM).", maintenanceRuns.get());
        out.counter(Lakehouse.COMMIT_RETRIES_TOTAL, "Delta commits retried after a conflict.", commitRetries.get());
        out.counter(Lakehouse.GOLD_BATCHES_TOTAL, "Gold micro-batches written to gold and serving.", goldBatches.get());
        out.counter(Lakehouse.GOLD_LATE_CHANGES_TOTAL, "Order changes that met a closed window (gold.late_changes).",
                goldLateChanges.get());
        out.counter(Lakehouse.GOLD_DUPLICATES_TOTAL, "Order changes replayed at an applied position, not counted.",
                goldDuplicates.get());
        out.gauge(Lakehouse.GOLD_WATERMARK_SECONDS, "Gold's watermark (Unix seconds); 0 before any change.",
                goldWatermarkSeconds);
        out.gauge(Lakehouse.SPARK_UI_PORT, "Port of Spark's web UI of the streaming job; 0 when it has none.", sparkUiPort);
        perTable(out, Lakehouse.ROWS_MERGED_TOTAL, "Silver rows written by MERGE.", rowsMerged);
        perTable(out, Lakehouse.BRONZE_ROWS_TOTAL, "Changes appended to bronze.", bronzeRows);
        out.family(Lakehouse.TABLE_PARKED, "gauge",
                "1 while a table is parked (label reason: why; fix: ./tributary resume <table>).");
        parked.values().forEach(p -> out.sample(Lakehouse.TABLE_PARKED, 1, TABLE, p.table(), REASON, p.reason(),
                SINCE_BATCH, Long.toString(p.batchId())));
        out.family(Lakehouse.CONSUMED_OFFSET, "gauge",
                "Next offset the query reads per partition (end of its last batch); Kafka's end offset minus it is the backlog.");
        consumedOffsets.forEach((tp, offset) -> {
            int hash = tp.lastIndexOf('#');
            out.sample(Lakehouse.CONSUMED_OFFSET, offset, TOPIC, tp.substring(0, hash), PARTITION, tp.substring(hash + 1));
        });
        out.family(Lakehouse.LIVE_FILES, "gauge", "Data files of a table's latest Delta version (after its last write).");
        liveFiles.forEach((key, files) -> {
            int slash = key.indexOf('/');
            out.sample(Lakehouse.LIVE_FILES, files, TABLE, key.substring(slash + 1), LAYER, key.substring(0, slash));
        });
        changeFreshness.render(sb, Lakehouse.CHANGE_FRESHNESS_SECONDS);
        out.family(Lakehouse.FRESHNESS_SECONDS, "gauge", "Now minus the newest source commit time applied.");
        long now = clock.millis();
        new java.util.TreeMap<>(newestSourceTsMs).forEach((table, ts) -> out.sample(Lakehouse.FRESHNESS_SECONDS,
                Math.max(0, now - ts) / 1000.0, TABLE, table));
        return sb.toString();
    }

    private static void perTable(PrometheusWriter out, String name, String help, Map<String, AtomicLong> m) {
        out.family(name, "counter", help);
        m.forEach((table, v) -> out.sample(name, v.get(), TABLE, table));
    }
}
