package io.tributary.lakehouse.metrics;

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

    public long quarantinedTotal() {
        return quarantined.get();
    }

    public long batchesTotal() {
        return batches.get();
    }

    public double lastBatchSeconds() {
        return lastBatchSeconds;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        counter(sb, "tributary_lakehouse_batches_total", "Micro-batches committed.", batches.get());
        counter(sb, "tributary_lakehouse_batch_failures_total", "Micro-batches that failed (the query stops).",
                failedBatches.get());
        counter(sb, "tributary_lakehouse_input_rows_total", "Kafka records read.", inputRows.get());
        gauge(sb, "tributary_lakehouse_input_rows_per_second", "Input rate of the last batch (Spark progress).",
                inputRowsPerSecond);
        gauge(sb, "tributary_lakehouse_processed_rows_per_second", "Processing rate of the last batch.",
                processedRowsPerSecond);
        gauge(sb, "tributary_lakehouse_last_batch_duration_seconds", "Duration of the last micro-batch.",
                lastBatchSeconds);
        sb.append("# HELP tributary_lakehouse_batch_duration_seconds Micro-batch durations.\n")
                .append("# TYPE tributary_lakehouse_batch_duration_seconds summary\n")
                .append("tributary_lakehouse_batch_duration_seconds_sum ").append(batchSecondsSum.sum()).append('\n')
                .append("tributary_lakehouse_batch_duration_seconds_count ").append(batches.get()).append('\n');
        counter(sb, "tributary_lakehouse_quarantined_total", "Poison records written to the quarantine table.",
                quarantined.get());
        counter(sb, "tributary_lakehouse_kafka_tombstones_total", "Kafka tombstones (null values) skipped.",
                tombstonesSkipped.get());
        counter(sb, "tributary_lakehouse_codegen_compilations_total",
                "Classes Spark generated and compiled (flat once every plan was seen: its cache is hit).",
                codegenCompilations.get());
        counter(sb, "tributary_lakehouse_maintenance_runs_total", "Maintenance runs (OPTIMIZE, purge, VACUUM).",
                maintenanceRuns.get());
        counter(sb, "tributary_lakehouse_commit_retries_total", "Delta commits retried after a conflict.",
                commitRetries.get());
        perTable(sb, "tributary_lakehouse_rows_merged_total", "counter", "Silver rows written by MERGE.", rowsMerged);
        perTable(sb, "tributary_lakehouse_bronze_rows_total", "counter", "Changes appended to bronze.", bronzeRows);
        sb.append("# HELP tributary_lakehouse_table_parked 1 while a table is parked (label reason: why; fix:"
                        + " ./tributary resume <table>).\n")
                .append("# TYPE tributary_lakehouse_table_parked gauge\n");
        parked.values().forEach(p -> sb.append("tributary_lakehouse_table_parked{table=\"").append(p.table())
                .append("\",reason=\"").append(labelValue(p.reason())).append("\",since_batch=\"").append(p.batchId())
                .append("\"} 1\n"));
        changeFreshness.render(sb, "tributary_lakehouse_change_freshness_seconds");
        sb.append("# HELP tributary_lakehouse_freshness_seconds Now minus the newest source commit time applied.\n")
                .append("# TYPE tributary_lakehouse_freshness_seconds gauge\n");
        long now = clock.millis();
        new java.util.TreeMap<>(newestSourceTsMs).forEach((table, ts) -> sb.append(
                "tributary_lakehouse_freshness_seconds{table=\"").append(table).append("\"} ")
                .append(Math.max(0, now - ts) / 1000.0).append('\n'));
        return sb.toString();
    }

    /** A Prometheus label value: backslash, quote and newline escaped. */
    static String labelValue(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder sb, String name, String help, double value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(value).append('\n');
    }

    private static void perTable(StringBuilder sb, String name, String type, String help, Map<String, AtomicLong> m) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
        m.forEach((table, v) -> sb.append(name).append("{table=\"").append(table).append("\"} ").append(v.get())
                .append('\n'));
    }
}
