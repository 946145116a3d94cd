package io.tributary.bench;

import io.tributary.contracts.metrics.MetricNames;
import io.tributary.stack.ManagedProcess;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Benchmark 6: a table of N rows snapshotted by cdc-engine and merged into silver by the lakehouse job, timed from
 * cdc-engine's launch (the lakehouse job already waits on the topic) to the last row merged.
 */
final class InitialLoadBenchmark {

    private static final String TABLE = "bench_load";
    private static final String PREFIX = "benchload";
    private static final Duration TIMEOUT = Duration.ofMinutes(12);

    private final BenchContext ctx;

    InitialLoadBenchmark(BenchContext ctx) {
        this.ctx = ctx;
    }

    BenchmarkResult run() throws Exception {
        int rows = ctx.mode.initialLoadRows();
        BenchmarkResult r = new BenchmarkResult("initial-load", "6. Initial load: snapshot into silver",
                "rows/s from cdc-engine's launch to the last row merged into silver (snapshot -> Avro -> Kafka -> bronze"
                        + " + silver MERGE)");
        long t0 = System.nanoTime();
        try (Connection c = ctx.appConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS shop." + TABLE);
            s.execute("CREATE TABLE shop." + TABLE + " (id bigint PRIMARY KEY, name text NOT NULL, amount numeric(12,2),"
                    + " qty integer, active boolean, note text, updated_at timestamptz NOT NULL DEFAULT now())");
            s.execute("INSERT INTO shop." + TABLE + " SELECT g, 'row ' || g, (g % 100000) / 7.0, g % 50, g % 2 = 0,"
                    + " repeat('note ', 8), now() FROM generate_series(1, " + rows + ") g");
            s.execute("ANALYZE shop." + TABLE);
        }
        r.notes.add(String.format("Source: shop.%s, %,d rows of 7 columns (~100 bytes each), created in %.1f s.", TABLE,
                rows, (System.nanoTime() - t0) / 1e9));
        String prefix = ctx.prefix(PREFIX);
        boolean own = ctx.lake == null;
        int jobPort;
        ManagedProcess job;
        if (own) {
            Map<String, Object> conf = new HashMap<>();
            conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.stack.kafkaBootstrap());
            try (Admin admin = Admin.create(conf)) {
                admin.createTopics(List.of(new NewTopic(prefix + ".shop." + TABLE, 1, (short) 1))).all().get();
            }
            jobPort = BenchContext.freePort();
            job = ctx.launchLakehouseJob("bench-load-lakehouse", prefix, "s3a://lakehouse/bench-load", jobPort,
                    Duration.ZERO);
        } else {
            r.notes.add("Quick mode: the lakehouse job was the one Spark JVM shared with the apply and end-to-end"
                    + " benchmarks, and cdc-engine was launched before it was up: a smoke test, not a load rate.");
            jobPort = ctx.lake.metricsPort;
            job = ctx.lake.process();
        }
        ManagedProcess cdc = null;
        try {
            if (own) {
                ctx.awaitHealthy("lakehouse-job", jobPort, job, Duration.ofMinutes(3));
            }
            int cdcPort = BenchContext.freePort();
            RateMeter snapshot = new RateMeter();
            long launchMs = System.currentTimeMillis();
            cdc = ctx.launchCdcEngine("bench-load-cdc", "bench_load", prefix, "initial", cdcPort,
                    List.of("-Ddebezium.table.include.list=shop." + TABLE));
            var cdcEvents = ctx.metricSum(cdcPort, MetricNames.Cdc.EVENTS_TOTAL);
            var merged = ctx.metricSum(jobPort, MetricNames.Lakehouse.ROWS_MERGED_TOTAL, Set.of(TABLE));
            AtomicReference<ManagedProcess> cdcRef = new AtomicReference<>(cdc);
            RateMeter silver = ctx.pollUntil("initial load into silver", () -> {
                snapshot.record(System.currentTimeMillis() - ctx.originMs, cdcEvents.getAsDouble());
                if (!cdcRef.get().isAlive()) {
                    throw new BenchmarkFailure("cdc-engine exited during the snapshot; see " + cdcRef.get().logFile());
                }
                return merged.getAsDouble();
            }, rows, Duration.ofMillis(250), ctx.remaining(TIMEOUT), job, false);
            double seconds = (System.currentTimeMillis() - launchMs) / 1000.0;
            List<RateMeter.Sample> done = silver.samples();
            double inSilver = done.get(done.size() - 1).count();
            List<RateMeter.Sample> sent = snapshot.samples();
            double inKafka = sent.isEmpty() ? 0 : sent.get(sent.size() - 1).count();
            boolean finished = inSilver >= rows;
            r.addRow("snapshot into silver (end to end)", inSilver, seconds, inSilver / seconds, null,
                    finished ? "from cdc-engine launch (JVM start included) to the last silver row"
                            : "NOT FINISHED: the run's time budget ended first; rows in silver so far / time so far");
            double snapSeconds = inKafka >= rows ? snapshot.activeSeconds(rows) : seconds;
            r.addRow("cdc-engine snapshot into Kafka", inKafka, snapSeconds,
                    inKafka >= rows ? snapshot.rate(rows) : inKafka / seconds, null,
                    "first to last snapshot record acknowledged by Kafka");
            r.targets.add(new BenchmarkResult.TargetCheck("initial load >= 25k rows/s", 25_000, inSilver / seconds, true));
            if (finished && inKafka >= rows) {
                r.targets.add(new BenchmarkResult.TargetCheck(
                        "silver complete within 1.25x of cdc-engine's snapshot export time", 1.25, seconds / snapSeconds,
                        false));
            }
            List<double[]> kafkaPts = new ArrayList<>();
            snapshot.samples().forEach(s -> kafkaPts.add(new double[] {s.atMs() / 1000.0, s.count()}));
            List<double[]> silverPts = new ArrayList<>();
            silver.samples().forEach(s -> silverPts.add(new double[] {s.atMs() / 1000.0, s.count()}));
            r.series.add(new BenchmarkResult.Series("rows in Kafka", "rows", kafkaPts));
            r.series.add(new BenchmarkResult.Series("rows in silver", "rows", silverPts));
        } finally {
            if (cdc != null) {
                cdc.stop(Duration.ofSeconds(30));
            }
            if (own) {
                job.stop(Duration.ofSeconds(30));
            }
            ctx.dropSlot("bench_load");
        }
        return r;
    }
}
