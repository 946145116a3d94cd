package io.tributary.bench;

import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.stage.StageEnvironment;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.ModuleLaunch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark 4: the lakehouse job (decode, bronze append, silver MERGE) against a plain Delta append of the same Kafka
 * records (the topic cdc-engine filled in benchmark 1). Both run as their own Spark local[2] process with the same
 * session settings and batch bound; the figure is records / (sum of micro-batch durations), start-up excluded.
 */
final class ApplyBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyBenchmark.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    private final BenchContext ctx;
    private final java.util.concurrent.Future<Integer> topicFilled;
    private int records;

    /** {@code topicFilled}: how many records the capture benchmark's cdc-engine wrote (0: none), once it has. */
    ApplyBenchmark(BenchContext ctx, java.util.concurrent.Future<Integer> topicFilled) {
        this.ctx = ctx;
        this.topicFilled = topicFilled;
    }

    BenchmarkResult run() throws Exception {
        BenchmarkResult r = new BenchmarkResult("apply", "4. Apply: silver MERGE pipeline vs plain Delta append",
                "Kafka records/s over the sum of micro-batch durations (decode + bronze + MERGE vs append only), both"
                        + " Spark 4.0.4 local[2] + Delta 4.0.1 on S3Proxy, at most 100,000 records per batch");
        records = topicFilled.get();
        if (records <= 0) {
            r.error = "needs the capture benchmark's topic (run with capture)";
            return r;
        }
        if (ctx.lake != null) {
            r.notes.add("Quick mode: both ran in the one Spark JVM that also served the initial load and the end-to-end"
                    + " benchmark, at the same time; a batch's duration counts for the lakehouse job when it wrote "
                    + CaptureWorkload.TABLE + ", whatever else it wrote. A smoke test of the harness, not a comparison.");
        }
        double[] plain = ctx.lake != null ? sharedPlainAppend() : runPlainAppend();
        r.addRow("plain Delta append (raw key/value bytes)", plain[0], plain[1], plain[0] / plain[1], null,
                String.format("%d batches, %.1f s first batch start to last batch end", (long) plain[3], plain[2]));
        double[] merge = ctx.lake != null ? sharedLakehouseJob() : runLakehouseJob();
        r.addRow("lakehouse-job (decode, bronze append, silver MERGE)", merge[0], merge[1], merge[0] / merge[1],
                "plain Delta append (raw key/value bytes)", String.format("%d batches", (long) merge[2]));
        BenchmarkResult.Row m = r.row("lakehouse-job (decode, bronze append, silver MERGE)");
        r.targets.add(new BenchmarkResult.TargetCheck("apply >= 0.5x the plain append", 0.5,
                m.ratio() == null ? Double.NaN : m.ratio(), true));
        r.notes.add(String.format("Input: the %,d records cdc-engine wrote to %s.shop.%s in benchmark 1 (half inserts, half"
                + " updates of the same keys, so the MERGE updates as many rows as it inserts).", records,
                ctx.prefix(CaptureBenchmarks.CDC_PREFIX), CaptureWorkload.TABLE));
        return r;
    }

    /** rows, busy seconds, batches. */
    private double[] runLakehouseJob() throws Exception {
        int port = BenchContext.freePort();
        ManagedProcess job = ctx.launchLakehouseJob("bench-apply-merge", CaptureBenchmarks.CDC_PREFIX,
                "s3a://lakehouse/bench-apply-merge", port, Duration.ZERO);
        try {
            ctx.pollUntil("lakehouse-job apply", ctx.metricSum(port, MetricNames.Lakehouse.INPUT_ROWS_TOTAL), records,
                    Duration.ofMillis(250), TIMEOUT, job);
            String metrics = ctx.get("http://127.0.0.1:" + port + "/metrics");
            double busy = PrometheusText.sum(metrics, MetricNames.Lakehouse.BATCH_DURATION_SECONDS_SUM);
            double rows = PrometheusText.sum(metrics, MetricNames.Lakehouse.INPUT_ROWS_TOTAL);
            double batches = PrometheusText.sum(metrics, MetricNames.Lakehouse.BATCH_DURATION_SECONDS_COUNT);
            return new double[] {rows, busy, batches};
        } finally {
            job.stop(Duration.ofSeconds(30));
        }
    }

    /** Quick mode: rows, busy seconds, batches of the shared lake while it wrote the capture table. */
    private double[] sharedLakehouseJob() throws Exception {
        int port = ctx.lake.metricsPort;
        java.util.Set<String> table = java.util.Set.of(CaptureWorkload.TABLE);
        double busy = 0;
        long batches = 0;
        double lastSum = 0;
        double lastCount = 0;
        double rowsAtBatchEnd = 0; // the table's bronze rows when the last batch ended
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        // a batch counts when the table's rows grew between its end and the previous batch's end (rows are counted
        // while the batch runs, its duration when it ends)
        while (rowsAtBatchEnd < records) {
            String metrics = ctx.get("http://127.0.0.1:" + port + "/metrics");
            if (metrics != null) {
                double sum = PrometheusText.sum(metrics, MetricNames.Lakehouse.BATCH_DURATION_SECONDS_SUM);
                double count = PrometheusText.sum(metrics, MetricNames.Lakehouse.BATCH_DURATION_SECONDS_COUNT);
                double rows = PrometheusText.sum(metrics, MetricNames.Lakehouse.BRONZE_ROWS_TOTAL, table);
                if (count > lastCount) {
                    if (rows > rowsAtBatchEnd) {
                        busy += sum - lastSum;
                        batches += Math.round(count - lastCount);
                    }
                    rowsAtBatchEnd = rows;
                    lastSum = sum;
                    lastCount = count;
                }
            }
            if (!ctx.lake.process().isAlive()) {
                throw new BenchmarkFailure("the quick Spark host exited; see " + ctx.lake.process().logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure("lakehouse-job apply: " + (long) rowsAtBatchEnd + " of " + records + " within "
                        + TIMEOUT);
            }
            Thread.sleep(100);
        }
        double lastRows = rowsAtBatchEnd;
        return new double[] {lastRows, busy, batches};
    }

    /** Quick mode: the plain append in the shared Spark JVM; rows, busy seconds, wall seconds, batches. */
    private double[] sharedPlainAppend() throws Exception {
        ctx.lake.startPlainAppend();
        String[] f = ctx.lake.awaitPlainAppend(TIMEOUT);
        LOG.info("Plain append: {}", String.join(" ", f));
        return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3])};
    }

    /** rows, busy seconds, wall seconds, batches. */
    private double[] runPlainAppend() throws Exception {
        ctx.awaitSparkClasses();
        String classpath = ModuleLaunch.of(SparkJobCompiler.MODULE, "x", List.of(), Map.of(), List.of())
                .classpath(ctx.stack.settings().projectRoot());
        Path summary = ctx.runDir.resolve("plain-append.summary");
        Path data = Files.createDirectories(ctx.runDir.resolve("bench-apply-append"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(io.tributary.stack.StageHeaps.options(io.tributary.stack.StageHeaps.LAKEHOUSE_JOB));
        cmd.add("-Djava.io.tmpdir=" + data);
        cmd.addAll(BenchContext.SPARK_OPENS);
        cmd.addAll(List.of("-cp", classpath, "io.tributary.bench.spark.PlainDeltaAppend",
                summary.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ctx.runDir.resolve("plain-append.log").toFile());
        Map<String, String> env = new HashMap<>(ctx.stack.serviceEnvironment());
        env.put(StageEnvironment.Stack.TOPIC_PREFIX, CaptureBenchmarks.CDC_PREFIX);
        env.put(StageEnvironment.Lakehouse.LAKE_ROOT, "s3a://lakehouse/bench-apply-append");
        env.put(StageEnvironment.Lakehouse.DATA_DIR, data.toString());
        env.put(StageEnvironment.Lakehouse.METRICS_PORT, "-1");
        pb.environment().putAll(env);
        Process p = pb.start();
        ctx.sampler.watch("plain-append (baseline)", p.pid());
        try {
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new BenchmarkFailure("plain append did not finish within " + TIMEOUT + "; see "
                        + ctx.runDir.resolve("plain-append.log"));
            }
        } finally {
            p.destroyForcibly();
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(summary)) {
            throw new BenchmarkFailure("plain append exited " + p.exitValue() + "; see "
                    + ctx.runDir.resolve("plain-append.log"));
        }
        String[] f = Files.readString(summary).trim().split(" ");
        LOG.info("Plain append: {}", String.join(" ", f));
        return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3])};
    }
}
