package io.tributary.bench;

import io.tributary.contracts.stage.StageEnvironment;
import io.tributary.contracts.stage.StageMain;
import io.tributary.stack.LocalStack;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.ModuleLaunch;
import io.tributary.stack.PostgresEndpoint;
import io.tributary.stack.StageHeaps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every benchmark shares: the stack, the run's directory, the mode's sizes, the resource sampler, helpers. */
public final class BenchContext {

    private static final Logger LOG = LoggerFactory.getLogger(BenchContext.class);
    static final List<String> SPARK_OPENS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true");

    final LocalStack stack;
    final Path runDir;
    final BenchMode mode;
    final ResourceSampler sampler;
    final long originMs = System.currentTimeMillis();
    /** System.nanoTime() by which the run should end (--time-budget); Long.MAX_VALUE without a budget. */
    long deadlineNanos = Long.MAX_VALUE;
    /** --profile: a JFR recording and a GC log of each cdc-engine and lakehouse-job process, in the run directory. */
    boolean profile;
    /** --lake-set: KEY=VALUE settings given to every lakehouse job of the run (as --set, before its command). */
    List<String> lakeSettings = List.of();
    /** --lake-jvm: JVM options appended to every lakehouse job's. */
    List<String> lakeJvmOptions = List.of();
    /** The compile of src/main/spark into the snapshot (SparkJobCompiler.compileModule), started with the run. */
    java.util.concurrent.CompletableFuture<Void> sparkClasses = java.util.concurrent.CompletableFuture.completedFuture(null);
    /** --quick: the one Spark JVM every benchmark's lake reads from; null in full mode (each starts its own). */
    SharedLake lake;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    BenchContext(LocalStack stack, Path runDir, BenchMode mode, ResourceSampler sampler) {
        this.stack = stack;
        this.runDir = runDir;
        this.mode = mode;
        this.sampler = sampler;
    }

    /** Waits for the Spark baseline classes; fails with the compiler's message when they did not compile. */
    void awaitSparkClasses() throws Exception {
        try {
            sparkClasses.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c ? c.getCause() : e.getCause();
            throw cause instanceof Exception x ? x : e;
        }
    }

    /** The topic prefix of a benchmark: its own in full mode, the shared lake's in quick mode. */
    String prefix(String own) {
        return lake != null ? SharedLake.PREFIX : own;
    }

    PostgresEndpoint pg() {
        return stack.postgres();
    }

    Connection superConnection() throws SQLException {
        return DriverManager.getConnection(pg().jdbcUrl(), pg().superUser(), pg().superPassword());
    }

    Connection appConnection() throws SQLException {
        return DriverManager.getConnection(pg().jdbcUrl(), pg().appUser(), pg().appPassword());
    }

    void superSql(String sql) throws SQLException {
        try (Connection c = superConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    String currentWalLsn() throws SQLException {
        try (Connection c = superConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    void createSlot(String slot) throws SQLException {
        superSql("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
    }

    void dropSlot(String slot) {
        try {
            superSql("SELECT pg_drop_replication_slot('" + slot + "') FROM pg_replication_slots WHERE slot_name = '"
                    + slot + "' AND NOT active");
        } catch (SQLException e) {
            LOG.warn("Could not drop slot {}: {}", slot, e.getMessage());
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET a URL's body, or null when it does not answer (yet). */
    String get(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A metric's sum at {@code http://127.0.0.1:port/metrics}, 0 when the endpoint does not answer yet. */
    DoubleSupplier metricSum(int port, String metric) {
        return metricSum(port, metric, null);
    }

    /** As above, over the samples of these tables only ({@code table} label; null: all). */
    DoubleSupplier metricSum(int port, String metric, java.util.Collection<String> tables) {
        return () -> {
            String body = get("http://127.0.0.1:" + port + "/metrics");
            return body == null ? 0 : PrometheusText.sum(body, metric, tables);
        };
    }

    /**
     * Polls {@code progress} every {@code every} until it reaches {@code target} or {@code timeout} passes; fails if the
     * watched process dies first. Returns the samples.
     */
    RateMeter pollUntil(String what, DoubleSupplier progress, double target, Duration every, Duration timeout,
                        ManagedProcess watched) throws InterruptedException {
        return pollUntil(what, progress, target, every, timeout, watched, true);
    }

    /** As above; with {@code failOnTimeout} false, returns the samples so far when the time is up (a partial figure). */
    RateMeter pollUntil(String what, DoubleSupplier progress, double target, Duration every, Duration timeout,
                        ManagedProcess watched, boolean failOnTimeout) throws InterruptedException {
        RateMeter meter = new RateMeter();
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastLog = 0;
        while (true) {
            double value = progress.getAsDouble();
            double now = System.currentTimeMillis() - originMs;
            meter.record(now, value);
            if (value >= target) {
                return meter;
            }
            if (System.nanoTime() > deadline) {
                if (!failOnTimeout) {
                    LOG.warn("{}: time is up at {} of {}", what, (long) value, (long) target);
                    return meter;
                }
                throw new BenchmarkFailure(what + ": reached only " + (long) value + " of " + (long) target + " within "
                        + timeout + (watched == null ? "" : "; see " + watched.logFile()));
            }
            if (watched != null && !watched.isAlive()) {
                throw new BenchmarkFailure(what + ": " + watched.name() + " exited (code "
                        + watched.exitCode().orElse(-1) + ") at " + (long) value + " of " + (long) target
                        + "; see " + watched.logFile());
            }
            if (System.nanoTime() - lastLog > 10_000_000_000L) {
                LOG.info("{}: {} of {}", what, (long) value, (long) target);
                lastLog = System.nanoTime();
            }
            Thread.sleep(every.toMillis());
        }
    }

    ManagedProcess launchCdcEngine(String name, String slot, String prefix, String snapshotMode, int metricsPort,
                                   List<String> args) throws IOException {
        Path data = Files.createDirectories(runDir.resolve(name));
        ManagedProcess p = stack.launch(ModuleLaunch.of(StageMain.CDC_ENGINE, args,
                Map.of(StageEnvironment.Cdc.SLOT, slot, StageEnvironment.Stack.TOPIC_PREFIX, prefix,
                        StageEnvironment.Cdc.SNAPSHOT_MODE, snapshotMode, StageEnvironment.Cdc.DATA_DIR, data.toString(),
                        StageEnvironment.Cdc.METRICS_PORT, Integer.toString(metricsPort)),
                stageJvm(name, List.of(StageHeaps.CDC_ENGINE))).named(name));
        sampler.watch("cdc-engine", p.pid());
        return p;
    }

    ManagedProcess launchLakehouseJob(String name, String prefix, String lakeRoot, int metricsPort,
                                      Duration trigger) throws IOException {
        return launchLakehouseJob(name, prefix, lakeRoot, metricsPort, trigger, Map.of());
    }

    /** As above, with further environment entries (e.g. TRIBUTARY_GOLD_ENABLED). */
    ManagedProcess launchLakehouseJob(String name, String prefix, String lakeRoot, int metricsPort, Duration trigger,
                                      Map<String, String> env) throws IOException {
        Path data = Files.createDirectories(runDir.resolve(name));
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.putAll(Map.of(StageEnvironment.Stack.TOPIC_PREFIX, prefix, StageEnvironment.Lakehouse.LAKE_ROOT, lakeRoot,
                StageEnvironment.Lakehouse.DATA_DIR, data.toString(),
                StageEnvironment.Lakehouse.METRICS_PORT, Integer.toString(metricsPort),
                StageEnvironment.Lakehouse.TRIGGER_INTERVAL, trigger.toMillis() + "ms",
                StageEnvironment.Lakehouse.MAINTENANCE_INTERVAL, "0s"));
        List<String> jvm = new ArrayList<>(StageHeaps.options(StageHeaps.LAKEHOUSE_JOB));
        jvm.addAll(SPARK_OPENS);
        jvm.addAll(lakeJvmOptions);
        ManagedProcess p = stack.launch(ModuleLaunch.of(StageMain.LAKEHOUSE_JOB,
                lakeArguments("stream"), environment, stageJvm(name, jvm)).named(name));
        sampler.watch("lakehouse-job", p.pid());
        return p;
    }

    /** The lakehouse job's arguments: the --lake-set settings, then the command. */
    List<String> lakeArguments(String command) {
        List<String> args = new ArrayList<>();
        for (String setting : lakeSettings) {
            args.add("--set");
            args.add(setting);
        }
        args.add(command);
        return args;
    }

    /**
     * The JVM options of a stage: {@code jvm}, plus in quick mode the C1 compiler only (a run of a minute never
     * reaches C2's pay-off, and C2's compile threads compete for the two cores), plus with --profile a JFR recording
     * ({@code <name>.jfr}) and a GC log ({@code <name>-gc.log}).
     */
    List<String> stageJvm(String name, List<String> jvm) {
        List<String> out = new ArrayList<>(jvm);
        if (mode.shared()) {
            out.add("-XX:TieredStopAtLevel=1");
        }
        if (!profile) {
            return out;
        }
        out.add("-XX:StartFlightRecording=filename=" + runDir.resolve(name + ".jfr") + ",settings=profile,dumponexit=true");
        out.add("-Xlog:gc*:file=" + runDir.resolve(name + "-gc.log") + ":uptime");
        return out;
    }

    /** Waits until a service's /health answers 200. */
    void awaitHealthy(String what, int port, ManagedProcess p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (get("http://127.0.0.1:" + port + "/health") == null) {
            if (!p.isAlive()) {
                throw new BenchmarkFailure(what + " exited before it was healthy; see " + p.logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure(what + " not healthy within " + timeout + "; see " + p.logFile());
            }
            Thread.sleep(250);
        }
    }

    /** What is left of the run's time budget, at most {@code max}. */
    Duration remaining(Duration max) {
        if (deadlineNanos == Long.MAX_VALUE) {
            return max;
        }
        long left = Math.max(0, deadlineNanos - System.nanoTime());
        return Duration.ofNanos(Math.min(left, max.toNanos()));
    }

    double secondsSinceOrigin() {
        return (System.currentTimeMillis() - originMs) / 1000.0;
    }
}
