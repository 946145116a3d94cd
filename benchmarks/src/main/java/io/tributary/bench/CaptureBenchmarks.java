package io.tributary.bench;

import io.debezium.embedded.Connect;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.engine.DebeziumEngine;
import io.tributary.contracts.metrics.MetricNames;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.ModuleLaunch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmarks 1-3 over one WAL: pg_recvlogical (the decoding ceiling), the raw Debezium engine with a counting handler
 * (the baseline), cdc-engine (Avro through the registry, acks=all) and Kafka Connect standalone with the same Debezium
 * connector and the JSON converter (the peer). Each reads the same changes from its own slot, one after the other.
 */
final class CaptureBenchmarks {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureBenchmarks.class);
    static final String CDC_PREFIX = "benchcdc";
    /** Every contender captures only the workload's table (quick mode writes other tables at the same time). */
    private static final String INCLUDE = "shop." + CaptureWorkload.TABLE;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Duration POLL = Duration.ofMillis(100);

    private final BenchContext ctx;
    int changes;
    /** Completed with the number of changes once cdc-engine has written them all to its topic (the apply input). */
    final CompletableFuture<Integer> topicFilled = new CompletableFuture<>();

    CaptureBenchmarks(BenchContext ctx) {
        this.ctx = ctx;
    }

    List<BenchmarkResult> run() throws Exception {
        try {
            return measure();
        } finally {
            topicFilled.complete(0); // no-op when cdc-engine filled it; unblocks the apply benchmark when it did not
        }
    }

    private List<BenchmarkResult> measure() throws Exception {
        BenchmarkResult capture = new BenchmarkResult("capture", "1. Capture: cdc-engine vs the raw Debezium engine",
                "changes/s from the first change seen to the last, same WAL, each contender alone on the machine");
        BenchmarkResult peer = new BenchmarkResult("capture-peer", "2. Capture peer: Kafka Connect standalone",
                "changes/s of Kafka Connect 4.3 standalone + Debezium Postgres connector + JsonConverter, same WAL");
        BenchmarkResult decoding = new BenchmarkResult("decoding-limit", "3. Decoding limit: pg_recvlogical + pgoutput",
                "changes/s of PostgreSQL's own client streaming the slot to a file: the ceiling of any capture");

        CaptureWorkload.createTable(ctx);
        for (String slot : List.of("bench_recv", "bench_raw", "bench_cdc", "bench_connect")) {
            ctx.createSlot(slot);
        }
        long t0 = System.nanoTime();
        changes = CaptureWorkload.write(ctx, ctx.mode.captureChanges());
        String endLsn = ctx.currentWalLsn();
        double writeSeconds = (System.nanoTime() - t0) / 1e9;
        LOG.info("Capture workload: {} changes written in {} s, WAL ends at {}", changes, writeSeconds, endLsn);
        String workloadNote = String.format("Workload: %,d row changes on shop.%s (REPLICA IDENTITY FULL), half inserts then"
                + " half updates, %,d per transaction, written in %.1f s before any contender started.", changes,
                CaptureWorkload.TABLE, CaptureWorkload.CHANGES_PER_TX, writeSeconds);

        double recv;
        double raw;
        RateMeter cdcMeter;
        CompletableFuture<RateMeter> connectRun;
        if (ctx.mode.shared()) {
            // quick: all four contenders at once (they compete for the cores: a smoke test, not a comparison)
            CompletableFuture<Double> recvRun = async(() -> runPgRecvLogical(endLsn, decoding));
            CompletableFuture<Double> rawRun = async(this::runRawEngine);
            CompletableFuture<RateMeter> cdcRun = async(this::runCdcEngine);
            connectRun = async(this::runKafkaConnect);
            cdcMeter = join(cdcRun);
            raw = join(rawRun);
            recv = join(recvRun);
        } else {
            recv = runPgRecvLogical(endLsn, decoding);
            raw = runRawEngine();
            cdcMeter = runCdcEngine();
            connectRun = null;
        }
        decoding.notes.add(workloadNote);
        if (ctx.mode.shared()) {
            String smoke = "Quick mode: the contenders ran at the same time (and beside the other benchmarks), so the"
                    + " rates and ratios show that the harness works, not how the contenders compare.";
            List.of(capture, peer, decoding).forEach(b -> b.notes.add(smoke));
        }
        capture.addRow("raw Debezium engine (counting handler)", changes, changes / raw, raw, null,
                "embedded engine 3.6.3, pgoutput, in the benchmark JVM, no Kafka");
        double cdc = cdcMeter.rate(changes);
        capture.addRow("cdc-engine (Avro via registry, acks=all)", changes, cdcMeter.activeSeconds(changes), cdc,
                "raw Debezium engine (counting handler)", "own process, " + io.tributary.stack.StageHeaps.CDC_ENGINE + ", idempotent producer");
        capture.targets.add(new BenchmarkResult.TargetCheck("cdc-engine >= 0.8x the raw engine", 0.8, cdc / raw, true));
        capture.notes.add(workloadNote);
        capture.series.add(series("cdc-engine", cdcMeter));
        decoding.addRow("pg_recvlogical (pgoutput)", changes, changes / recv, recv, null, "");
        decoding.addRow("raw Debezium engine", changes, changes / raw, raw, "pg_recvlogical (pgoutput)", "");
        decoding.addRow("cdc-engine", changes, cdcMeter.activeSeconds(changes), cdc, "pg_recvlogical (pgoutput)", "");

        peer.addRow("cdc-engine (Avro via registry, acks=all)", changes, cdcMeter.activeSeconds(changes), cdc, null, "");
        try {
            RateMeter connectMeter = connectRun != null ? join(connectRun) : runKafkaConnect();
            double connect = connectMeter.rate(changes);
            peer.addRow("Kafka Connect standalone (JsonConverter, schemas on)", changes,
                    connectMeter.activeSeconds(changes), connect, "cdc-engine (Avro via registry, acks=all)",
                    "own process, -Xmx512m, producer defaults (acks=all)");
            peer.targets.add(new BenchmarkResult.TargetCheck("cdc-engine >= 1.5x the Kafka Connect peer", 1.5,
                    cdc / connect, true));
            capture.series.add(series("Kafka Connect", connectMeter));
        } catch (Exception e) {
            LOG.error("Kafka Connect peer failed", e);
            peer.error = e.getMessage();
        }
        peer.notes.add(workloadNote);
        for (String slot : List.of("bench_recv", "bench_raw", "bench_connect")) {
            ctx.dropSlot(slot);
        }
        return List.of(capture, peer, decoding);
    }

    interface Contender<T> {
        T run() throws Exception;
    }

    private static <T> CompletableFuture<T> async(Contender<T> contender) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(contender.run());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "capture-contender");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static <T> T join(CompletableFuture<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private static BenchmarkResult.Series series(String name, RateMeter meter) {
        List<RateMeter.Sample> samples = meter.samples();
        java.util.ArrayList<double[]> pts = new java.util.ArrayList<>();
        for (RateMeter.Sample s : samples) {
            pts.add(new double[] {s.atMs() / 1000.0, s.count()});
        }
        return new BenchmarkResult.Series(name + " (changes delivered)", "changes", pts);
    }

    private double runPgRecvLogical(String endLsn, BenchmarkResult result) throws IOException, InterruptedException {
        Path out = ctx.runDir.resolve("pg_recvlogical.out");
        List<String> cmd = List.of("pg_recvlogical", "-h", ctx.pg().host(), "-p", Integer.toString(ctx.pg().port()),
                "-U", ctx.pg().cdcUser(), "-d", ctx.pg().database(), "--slot", "bench_recv", "--start",
                "--endpos", endLsn, "--no-loop", "-o", "proto_version=1", "-o", "publication_names=tributary_pub",
                "-f", out.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ctx.runDir.resolve("pg_recvlogical.log").toFile());
        pb.environment().put("PGPASSWORD", ctx.pg().cdcPassword());
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new BenchmarkFailure("pg_recvlogical did not reach " + endLsn + " within " + TIMEOUT);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (p.exitValue() != 0) {
            throw new BenchmarkFailure("pg_recvlogical exited " + p.exitValue() + "; see "
                    + ctx.runDir.resolve("pg_recvlogical.log"));
        }
        result.notes.add(String.format("pg_recvlogical wrote %,d bytes of pgoutput messages in %.2f s (process start to"
                + " --endpos, connection included).", Files.size(out), seconds));
        return changes / seconds;
    }

    private double runRawEngine() throws Exception {
        Properties props = new Properties();
        props.setProperty("name", "bench-raw");
        props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        props.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        props.setProperty("offset.flush.interval.ms", "60000");
        props.setProperty("database.hostname", ctx.pg().host());
        props.setProperty("database.port", Integer.toString(ctx.pg().port()));
        props.setProperty("database.user", ctx.pg().cdcUser());
        props.setProperty("database.password", ctx.pg().cdcPassword());
        props.setProperty("database.dbname", ctx.pg().database());
        props.setProperty("topic.prefix", "benchraw");
        props.setProperty("plugin.name", "pgoutput");
        props.setProperty("slot.name", "bench_raw");
        props.setProperty("publication.name", "tributary_pub");
        props.setProperty("publication.autocreate.mode", "disabled");
        props.setProperty("snapshot.mode", "no_data");
        props.setProperty("schema.include.list", "shop");
        props.setProperty("table.include.list", INCLUDE);
        props.setProperty("decimal.handling.mode", "precise");
        AtomicLong seen = new AtomicLong();
        AtomicLong firstNanos = new AtomicLong();
        AtomicLong doneNanos = new AtomicLong();
        int target = changes;
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (DebeziumEngine<RecordChangeEvent<SourceRecord>> engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(props)
                .notifying((records, committer) -> {
                    long now = System.nanoTime();
                    firstNanos.compareAndSet(0, now);
                    long n = 0;
                    for (RecordChangeEvent<SourceRecord> r : records) {
                        if (r.record() != null && r.record().value() != null) {
                            n++;
                        }
                        committer.markProcessed(r);
                    }
                    committer.markBatchFinished();
                    if (seen.addAndGet(n) >= target) {
                        doneNanos.compareAndSet(0, System.nanoTime());
                    }
                })
                .build()) {
            executor.execute(engine);
            RateMeter meter = ctx.pollUntil("raw Debezium engine", seen::get, target, POLL, TIMEOUT, null);
            LOG.info("Raw engine: {} changes; polled rate {}/s", seen.get(), (long) meter.rate(target));
        } finally {
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
        }
        // exact: from the first batch handed over to the batch that completed the count (first batch counted whole)
        double seconds = (doneNanos.get() - firstNanos.get()) / 1e9;
        return target / seconds;
    }

    private RateMeter runCdcEngine() throws Exception {
        int port = BenchContext.freePort();
        ManagedProcess cdc = ctx.launchCdcEngine("bench-cdc-capture", "bench_cdc", ctx.prefix(CDC_PREFIX), "no_data", port,
                List.of("-Ddebezium.table.include.list=" + INCLUDE));
        try {
            RateMeter meter = ctx.pollUntil("cdc-engine capture", ctx.metricSum(port, MetricNames.Cdc.EVENTS_TOTAL), changes,
                    POLL, TIMEOUT, cdc);
            topicFilled.complete(changes);
            return meter;
        } finally {
            cdc.stop(Duration.ofSeconds(30));
        }
    }

    private RateMeter runKafkaConnect() throws Exception {
        Path dir = Files.createDirectories(ctx.runDir.resolve("kafka-connect"));
        Path worker = dir.resolve("worker.properties");
        Files.writeString(worker, String.join("\n",
                "bootstrap.servers=" + ctx.stack.kafkaBootstrap(),
                "key.converter=org.apache.kafka.connect.json.JsonConverter",
                "value.converter=org.apache.kafka.connect.json.JsonConverter",
                "key.converter.schemas.enable=true",
                "value.converter.schemas.enable=true",
                "offset.storage.file.filename=" + dir.resolve("offsets.dat"),
                "offset.flush.interval.ms=1000",
                "listeners=http://127.0.0.1:" + BenchContext.freePort(),
                // the connector and the converter declare themselves as services: no scan of the whole classpath
                // (only_scan took 30-70 s of start-up here; start-up is outside the measured window either way)
                "plugin.discovery=service_load", ""));
        Path connector = dir.resolve("connector.properties");
        Files.createFile(connector, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(connector, String.join("\n",
                "name=bench-connect",
                "connector.class=io.debezium.connector.postgresql.PostgresConnector",
                "tasks.max=1",
                "database.hostname=" + ctx.pg().host(),
                "database.port=" + ctx.pg().port(),
                "database.user=" + ctx.pg().cdcUser(),
                "database.password=" + ctx.pg().cdcPassword(),
                "database.dbname=" + ctx.pg().database(),
                "topic.prefix=benchconnect",
                "plugin.name=pgoutput",
                "slot.name=bench_connect",
                "publication.name=tributary_pub",
                "publication.autocreate.mode=disabled",
                "snapshot.mode=no_data",
                "schema.include.list=shop",
                "table.include.list=" + INCLUDE,
                "decimal.handling.mode=precise", ""));
        ManagedProcess connect = ctx.stack.launch(ModuleLaunch.of("benchmarks",
                "org.apache.kafka.connect.cli.ConnectStandalone", List.of(worker.toString(), connector.toString()),
                Map.of(), ctx.stageJvm("bench-kafka-connect", List.of("-Xmx512m"))).named("bench-kafka-connect"));
        ctx.sampler.watch("kafka-connect (peer)", connect.pid());
        TopicPartition tp = new TopicPartition("benchconnect.shop." + CaptureWorkload.TABLE, 0);
        Map<String, Object> conf = new HashMap<>();
        conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.stack.kafkaBootstrap());
        try (Admin admin = Admin.create(conf)) {
            return ctx.pollUntil("Kafka Connect capture", () -> endOffset(admin, tp), changes, POLL, TIMEOUT, connect);
        } finally {
            connect.stop(Duration.ofSeconds(30));
        }
    }

    private static double endOffset(Admin admin, TopicPartition tp) {
        try {
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get(2, TimeUnit.SECONDS).offset();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return 0; // the topic does not exist yet
        }
    }
}
