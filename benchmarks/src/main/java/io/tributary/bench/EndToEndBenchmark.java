package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.stage.StageMain;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.ModuleLaunch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark 5: the simulator at sustained rates through cdc-engine and the lakehouse job into silver. Per rate: the
 * achieved rate, the rates each stage kept up, freshness (commit in PostgreSQL -> visible in silver) p50/p95/p99 as the
 * job measured it per change (its histogram between the start and the end of the step), and whether the lag grows
 * ({@link BatchLag}, {@link Trend}).
 */
final class EndToEndBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(EndToEndBenchmark.class);
    private static final String PREFIX = "benche2e";
    private static final String TABLES = "shop.customers,shop.orders,shop.products";
    private static final Duration POLL = Duration.ofMillis(100);
    /** The lake tables of the three captured tables (the shared lake of quick mode also holds others). */
    private static final Set<String> LAKE_TABLES = Set.of("customers", "orders", "products");

    /** The job's histogram of per-change freshness. */
    static final String FRESHNESS = MetricNames.Lakehouse.CHANGE_FRESHNESS_SECONDS;

    private final BenchContext ctx;
    private final ObjectMapper json = new ObjectMapper();

    EndToEndBenchmark(BenchContext ctx) {
        this.ctx = ctx;
    }

    /** One observation of both services' metrics. */
    private record Poll(long atMs, double cdcEvents, double cdcTombstones, double cdcLag, double lakeBatches,
                        double lakeRows, double lakeFreshnessMin) {
    }

    BenchmarkResult run() throws Exception {
        BenchmarkResult r = new BenchmarkResult("end-to-end", "5. End to end: sustained rates into silver",
                "the simulator at each rate for " + ctx.mode.endToEndStep().toSeconds() + " s through cdc-engine and"
                        + " the lakehouse job (0 s trigger); freshness = commit in PostgreSQL -> visible in silver");
        r.tableHeader.addAll(List.of("target changes/s", "simulator achieved/s", "captured/s (cdc-engine)",
                "applied/s (lakehouse-job)", "freshness p50 / p95 / p99 (s)", "lag trend (s per s)", "lag grows?",
                "catch-up after the run (s)"));
        Path csv = ProjectRootLocator.find().resolve("csv-data");
        ManagedProcess load = ctx.stack.launch(ModuleLaunch.of(StageMain.SIMULATOR,
                List.of("load", csv.toString()), Map.of(), List.of(io.tributary.stack.StageHeaps.SIMULATOR_LOAD)).named("bench-sim-load"));
        if (!load.waitFor(Duration.ofMinutes(3)) || load.exitCode().orElse(-1) != 0) {
            throw new BenchmarkFailure("simulator load failed; see " + load.logFile());
        }
        boolean own = ctx.lake == null;
        int lakePort = own ? BenchContext.freePort() : ctx.lake.metricsPort;
        int cdcPort = BenchContext.freePort();
        ManagedProcess job = own ? ctx.launchLakehouseJob("bench-e2e-lakehouse", PREFIX, "s3a://lakehouse/bench-e2e",
                lakePort, Duration.ZERO) : ctx.lake.process();
        if (!own) {
            r.notes.add("Quick mode: one short step, with the lakehouse job shared with the apply and initial-load"
                    + " benchmarks running at the same time: a smoke test of the harness, not a freshness figure.");
        }
        // quick: no snapshot of the loaded shop (13,440 rows through a cold lake), only the step's changes, from a slot
        // created now, so that none is missed while cdc-engine starts
        if (!own) {
            ctx.createSlot("bench_e2e");
        }
        ManagedProcess cdc = ctx.launchCdcEngine("bench-e2e-cdc", "bench_e2e", ctx.prefix(PREFIX),
                own ? "initial" : "no_data", cdcPort, List.of("-Ddebezium.table.include.list=" + TABLES));
        List<double[]> freshnessPts = new ArrayList<>();
        List<double[]> capturedPts = new ArrayList<>();
        List<double[]> appliedPts = new ArrayList<>();
        try {
            if (own) {
                ctx.awaitHealthy("lakehouse-job", lakePort, job, Duration.ofMinutes(3));
                // the snapshot of the loaded shop (13,440 rows) must be in silver before the clock starts
                ctx.pollUntil("e2e snapshot into silver", ctx.metricSum(lakePort, MetricNames.Lakehouse.ROWS_MERGED_TOTAL,
                        LAKE_TABLES), 13_440, Duration.ofMillis(500), Duration.ofMinutes(5), job);
            } else {
                ctx.awaitHealthy("cdc-engine", cdcPort, cdc, Duration.ofMinutes(3));
            }
            for (int rate : ctx.mode.endToEndRates()) {
                if (ctx.remaining(Duration.ofDays(1)).compareTo(ctx.mode.endToEndStep().plusMinutes(1)) < 0) {
                    r.notes.add(String.format("%,d changes/s: skipped, the run's time budget was used up.", rate));
                    continue;
                }
                step(rate, cdcPort, lakePort, cdc, job, r, freshnessPts, capturedPts, appliedPts);
            }
        } finally {
            cdc.stop(Duration.ofSeconds(30));
            if (own) {
                job.stop(Duration.ofSeconds(30));
            }
            ctx.dropSlot("bench_e2e");
        }
        if (r.targets.stream().noneMatch(t -> t.target().startsWith("sustained"))) {
            r.targets.add(new BenchmarkResult.TargetCheck(
                    "sustained >= 10k changes/s end to end with a lag that does not grow", 10_000, 0, true));
            r.notes.add("No rate was sustained without a growing lag, so the sustained figure is 0.");
        }
        r.series.add(new BenchmarkResult.Series("captured changes/s", "changes/s", capturedPts));
        r.series.add(new BenchmarkResult.Series("applied records/s", "changes/s", appliedPts));
        r.series.add(new BenchmarkResult.Series("freshness of each batch's oldest change", "seconds", freshnessPts));
        return r;
    }

    private void step(int rate, int cdcPort, int lakePort, ManagedProcess cdc, ManagedProcess job, BenchmarkResult r,
                      List<double[]> freshnessPts, List<double[]> capturedPts, List<double[]> appliedPts)
            throws Exception {
        int workers = rate <= 1_000 ? 1 : rate <= 5_000 ? 4 : 8;
        // one event per transaction: with several, baskets of different events lock products out of key order and
        // the simulator's workers deadlock until it gives up (seen at 10k/s with 5 events per transaction, 8 workers)
        int eventsPerTx = 1;
        Duration d = ctx.mode.endToEndStep();
        Path summary = ctx.runDir.resolve("simulator-" + rate + ".json");
        Poll before = poll(cdcPort, lakePort);
        Map<Double, Double> freshnessBefore = PrometheusText.buckets(ctx.get("http://127.0.0.1:" + lakePort + "/metrics"),
                FRESHNESS);
        ManagedProcess sim = ctx.stack.launch(ModuleLaunch.of(StageMain.SIMULATOR,
                simulatorArgs(rate, d, workers, eventsPerTx, summary), Map.of(), List.of("-Xmx512m"))
                .named("bench-sim-" + rate));
        ctx.sampler.watch("simulator", sim.pid());
        long startMs = System.currentTimeMillis();
        List<BatchLag.Batch> batches = new ArrayList<>();
        Poll last = before;
        Poll lastSecond = before;
        long stopMs = 0;
        Poll atStop = null;
        while (true) {
            Thread.sleep(POLL.toMillis());
            Poll p = poll(cdcPort, lakePort);
            if (!cdc.isAlive() || !job.isAlive()) {
                throw new BenchmarkFailure("a pipeline service died at " + rate + " changes/s; see " + cdc.logFile()
                        + " and " + job.logFile());
            }
            if (p.lakeBatches() > last.lakeBatches() && !Double.isNaN(p.lakeFreshnessMin())
                    && (ctx.lake == null || p.lakeRows() > last.lakeRows())) { // shared lake: batches of these tables
                batches.add(new BatchLag.Batch(p.atMs(), p.atMs() - Math.round(p.lakeFreshnessMin() * 1000),
                        Math.round(p.lakeRows() - last.lakeRows())));
            }
            last = p;
            if (p.atMs() - lastSecond.atMs() >= 1_000) {
                double secs = (p.atMs() - lastSecond.atMs()) / 1000.0;
                double x = (p.atMs() - ctx.originMs) / 1000.0;
                capturedPts.add(new double[] {x, (p.cdcEvents() - lastSecond.cdcEvents()) / secs});
                appliedPts.add(new double[] {x, (p.lakeRows() - lastSecond.lakeRows()) / secs});
                lastSecond = p;
            }
            if (stopMs == 0 && !sim.isAlive()) {
                stopMs = p.atMs();
                atStop = p;
            }
            if (stopMs > 0) {
                boolean cdcQuiet = p.cdcEvents() == atStop.cdcEvents() || p.atMs() - stopMs > 3_000;
                if (ctx.lake != null) {
                    // quick: cdc-engine may still be starting when the short step ends; wait for all it wrote
                    cdcQuiet = p.cdcEvents() - before.cdcEvents() >= simulatorChanges(summary);
                }
                boolean lakeCaughtUp = p.lakeRows() >= p.cdcEvents() + p.cdcTombstones();
                if ((cdcQuiet && lakeCaughtUp && p.atMs() - stopMs > 1_000) || p.atMs() - stopMs > ctx.mode.drainLimit().toMillis()) {
                    break;
                }
            }
        }
        double catchUp = (last.atMs() - stopMs) / 1000.0;
        int exit = sim.exitCode().orElse(-1);
        if (exit != 0) {
            r.notes.add(String.format("At %,d changes/s the simulator stopped after %.0f s with exit code %d: %s (log %s).",
                    rate, (stopMs - startMs) / 1000.0, exit, lastError(sim.logFile()), sim.logFile().getFileName()));
        }
        JsonNode s = Files.isRegularFile(summary) ? json.readTree(summary.toFile()) : null;
        double achieved = s == null ? Double.NaN : s.path("achievedRate").asDouble(Double.NaN);
        double simSeconds = s == null ? d.toSeconds() : s.path("elapsedSeconds").asDouble(d.toSeconds());
        double captured = (atStop.cdcEvents() - before.cdcEvents()) / ((stopMs - startMs) / 1000.0);
        double applied = (atStop.lakeRows() - before.lakeRows()) / ((stopMs - startMs) / 1000.0);
        // measured per change by the job (source commit -> silver commit visible), from its histogram's buckets
        Percentiles fresh = new Percentiles(PrometheusText.observationsBetween(freshnessBefore,
                PrometheusText.buckets(ctx.get("http://127.0.0.1:" + lakePort + "/metrics"), FRESHNESS)));
        long stoppedAt = stopMs;
        List<BatchLag.Batch> during = batches.stream().filter(b -> b.visibleAtMs() <= stoppedAt).toList();
        List<Trend.Point> worst = BatchLag.worstPerBatch(during, startMs);
        double slope = Trend.slope(worst);
        String verdict = lagVerdict(worst, achieved, captured, catchUp, ctx.mode.drainLimit().toSeconds(), exit != 0);
        boolean grows = !verdict.startsWith("no");
        for (Trend.Point pt : BatchLag.worstPerBatch(batches, startMs)) {
            freshnessPts.add(new double[] {(startMs - ctx.originMs) / 1000.0 + pt.x(), pt.y()});
        }
        LOG.info("Rate {}: achieved {}/s in {} s, captured {}/s, applied {}/s, freshness p50 {} p99 {}, slope {}, "
                + "catch-up {} s", rate, achieved, simSeconds, (long) captured, (long) applied, fresh.at(50),
                fresh.isEmpty() ? Double.NaN : fresh.at(99), slope, catchUp);
        r.tableRows.add(List.of(String.format(Locale.ROOT, "%,d", rate), MarkdownReport.count(achieved),
                MarkdownReport.count(captured), MarkdownReport.count(applied),
                fresh.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.2f / %.2f / %.2f", fresh.at(50), fresh.at(95),
                        fresh.at(99)),
                Double.isNaN(slope) ? "n/a (" + worst.size() + " batches)" : String.format(Locale.ROOT, "%+.3f", slope),
                verdict,
                String.format(Locale.ROOT, "%.1f", catchUp)));
        if (rate == 1_000 && !fresh.isEmpty()) {
            r.targets.add(new BenchmarkResult.TargetCheck("freshness p50 <= 2 s at 1k changes/s", 2, fresh.at(50), false));
            r.targets.add(new BenchmarkResult.TargetCheck("freshness p99 <= 5 s at 1k changes/s", 5, fresh.at(99), false));
        }
        if (!grows && !Double.isNaN(achieved)) {
            BenchmarkResult.TargetCheck old = r.targets.stream()
                    .filter(t -> t.target().startsWith("sustained")).findFirst().orElse(null);
            // not the apply rate of the window: with batches of a minute it depends on where the batch edges fall;
            // the lag not growing says the lake kept up with what was captured
            double best = Math.max(old == null ? 0 : old.measured(), Math.min(achieved, captured));
            r.targets.remove(old);
            r.targets.add(new BenchmarkResult.TargetCheck(
                    "sustained >= 10k changes/s end to end with a lag that does not grow", 10_000, best, true));
        }
    }

    /**
     * Whether the lag grows, and why: by the trend of each batch's oldest change when there are at least three
     * batches; otherwise by the evidence there is: capture keeping less than 90% of the simulator's rate, or a backlog
     * still not applied {@code drainLimit} seconds after the run. "n/a" when the simulator itself failed.
     */
    static String lagVerdict(List<Trend.Point> worstPerBatch, double achieved, double captured, double catchUpSeconds,
                             double drainLimitSeconds, boolean simulatorFailed) {
        if (simulatorFailed) {
            return "n/a (the simulator failed)";
        }
        if (worstPerBatch.size() >= 3) {
            return Trend.grows(worstPerBatch, 0.05, 5) ? "yes (freshness rises)" : "no";
        }
        if (!Double.isNaN(achieved) && captured < 0.9 * achieved) {
            return "yes (capture behind the simulator)";
        }
        if (catchUpSeconds >= drainLimitSeconds) {
            return String.format(Locale.ROOT, "yes (backlog left %.0f s after the run)", drainLimitSeconds);
        }
        return String.format(Locale.ROOT, "no (caught up %.0f s after the run)", catchUpSeconds);
    }

    /** The row changes the simulator reports in its summary file (written when it exits); 0 when absent. */
    private double simulatorChanges(Path summary) {
        try {
            return Files.isRegularFile(summary) ? json.readTree(summary.toFile()).path("changes").asDouble(0) : 0;
        } catch (java.io.IOException e) {
            return 0; // being written: the next poll reads it
        }
    }

    /** The simulator's last "error:" line, shortened. */
    static String lastError(Path log) {
        try (java.util.stream.Stream<String> lines = Files.lines(log)) {
            String last = lines.filter(l -> l.startsWith("error:")).reduce((a, b) -> b).orElse("no error line in the log");
            return last.length() > 160 ? last.substring(0, 160) + "..." : last;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "log unreadable: " + e.getMessage();
        }
    }

    /**
     * The business simulator up to 1k changes/s (realistic transactions; its ceiling is ~5k/s here), the bulk mode
     * above: multi-row statements, 500 row changes a transaction, 4 workers on their own keys (40k+/s here), so that
     * the step measures the pipeline and not the generator.
     */
    static List<String> simulatorArgs(int rate, Duration d, int workers, int eventsPerTx, Path summary) {
        List<String> args = new ArrayList<>(List.of("run", "--rate", Integer.toString(rate), "--duration",
                d.toSeconds() + "s", "--seed", "42", "--metrics-port", "0", "--summary-file", summary.toString(),
                "--progress-interval", "10s"));
        if (rate > 1_000) {
            args.addAll(List.of("--mode", "bulk", "--workers", "4", "--batch-size", "500"));
        } else {
            args.addAll(List.of("--workers", Integer.toString(workers), "--events-per-tx",
                    Integer.toString(eventsPerTx)));
        }
        return args;
    }

    private Poll poll(int cdcPort, int lakePort) {
        String c = ctx.get("http://127.0.0.1:" + cdcPort + "/metrics");
        String l = ctx.get("http://127.0.0.1:" + lakePort + "/metrics");
        // records read: all of them for an own lake; for the shared lake, its rows of these tables plus the tombstones
        // (only this benchmark deletes)
        double lakeRows = l == null ? 0 : ctx.lake == null ? PrometheusText.sum(l, MetricNames.Lakehouse.INPUT_ROWS_TOTAL)
                : PrometheusText.sum(l, MetricNames.Lakehouse.BRONZE_ROWS_TOTAL, LAKE_TABLES)
                        + PrometheusText.sum(l, MetricNames.Lakehouse.KAFKA_TOMBSTONES_TOTAL);
        return new Poll(System.currentTimeMillis(),
                c == null ? 0 : PrometheusText.sum(c, MetricNames.Cdc.EVENTS_TOTAL),
                c == null ? 0 : PrometheusText.sum(c, MetricNames.Cdc.TOMBSTONES_TOTAL),
                c == null ? Double.NaN : PrometheusText.max(c, MetricNames.Cdc.LAG_SECONDS),
                l == null ? 0 : PrometheusText.sum(l, MetricNames.Lakehouse.BATCHES_TOTAL),
                lakeRows,
                l == null ? Double.NaN : PrometheusText.min(l, MetricNames.Lakehouse.FRESHNESS_SECONDS, LAKE_TABLES));
    }
}
