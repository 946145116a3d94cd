package io.tributary.bench;

import io.tributary.contracts.stage.StageEnvironment;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.ModuleLaunch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@code --quick} only: one Spark JVM ({@code SharedSparkHost}) that runs the lakehouse job for the topics of every
 * benchmark at once ({@link #PREFIX}{@code .shop.<table>}; each benchmark reads its own tables' metrics) and the
 * plain-append baseline in the same session once {@link #startPlainAppend()} is called. One Spark start-up instead of
 * four; the price is that the benchmarks share its two cores, so quick's figures are a smoke test, not measurements.
 */
final class SharedLake implements AutoCloseable {

    /** The topic prefix of every benchmark in quick mode; the tables differ (bench_items, bench_load, the shop's). */
    static final String PREFIX = "bench";
    static final List<String> TOPICS = List.of("bench_items", "bench_load", "customers", "orders", "products");

    private final BenchContext ctx;
    private final ManagedProcess process;
    final int metricsPort;
    private final Path go;
    private final Path plainSummary;

    private SharedLake(BenchContext ctx, ManagedProcess process, int metricsPort, Path go, Path plainSummary) {
        this.ctx = ctx;
        this.process = process;
        this.metricsPort = metricsPort;
        this.go = go;
        this.plainSummary = plainSummary;
    }

    static SharedLake start(BenchContext ctx) throws Exception {
        // created up front, so the query sees every topic from its first batch
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.stack.kafkaBootstrap()))) {
            admin.createTopics(TOPICS.stream().map(t -> new NewTopic(PREFIX + ".shop." + t, 1, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
        ctx.awaitSparkClasses();
        Path data = Files.createDirectories(ctx.runDir.resolve("bench-quick-spark"));
        Path go = data.resolve("start-plain-append");
        Path summary = data.resolve("plain-append.summary");
        int port = BenchContext.freePort();
        List<String> jvm = new ArrayList<>(io.tributary.stack.StageHeaps.options(io.tributary.stack.StageHeaps.LAKEHOUSE_JOB));
        jvm.addAll(BenchContext.SPARK_OPENS);
        ManagedProcess p = ctx.stack.launch(ModuleLaunch.of(SparkJobCompiler.MODULE, "io.tributary.bench.spark.SharedSparkHost",
                List.of(go.toString(), PREFIX + "\\.shop\\.bench_items", summary.toString()),
                Map.of(StageEnvironment.Stack.TOPIC_PREFIX, PREFIX, StageEnvironment.Lakehouse.LAKE_ROOT, "s3a://lakehouse/bench-quick",
                        StageEnvironment.Lakehouse.DATA_DIR, data.toString(),
                        StageEnvironment.Lakehouse.METRICS_PORT, Integer.toString(port),
                        StageEnvironment.Lakehouse.TRIGGER_INTERVAL, "1000ms",
                        StageEnvironment.Lakehouse.MAINTENANCE_INTERVAL, "0s"),
                ctx.stageJvm("bench-quick-spark", jvm)).named("bench-quick-spark"));
        ctx.sampler.watch("lakehouse-job", p.pid());
        return new SharedLake(ctx, p, port, go, summary);
    }

    ManagedProcess process() {
        return process;
    }

    /** Signals the host to run the plain append over the capture topic (call once that topic is complete). */
    void startPlainAppend() throws IOException {
        Files.writeString(go, "go\n");
    }

    /** "rows busySeconds wallSeconds batches" of the plain append, once it finished. */
    String[] awaitPlainAppend(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.isRegularFile(plainSummary)) {
            if (!process.isAlive()) {
                throw new BenchmarkFailure("the quick Spark host exited; see " + process.logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure("plain append not done within " + timeout + "; see " + process.logFile());
            }
            Thread.sleep(200);
        }
        return Files.readString(plainSummary).trim().split(" ");
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }
}
