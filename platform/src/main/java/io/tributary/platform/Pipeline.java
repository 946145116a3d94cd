package io.tributary.platform;

import io.tributary.contracts.metrics.MetricLabels;
import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.contracts.stage.StageEnvironment;
import io.tributary.contracts.stage.StageMain;
import io.tributary.stack.KafkaCluster;
import io.tributary.stack.LocalStack;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.ModuleLaunch;
import io.tributary.stack.SparkJvmOptions;
import io.tributary.stack.StackException;
import io.tributary.stack.StageHeaps;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the pipeline services: simulator (load, run), cdc-engine and lakehouse-job as child processes of the local
 * stack, with the stack's {@code TRIBUTARY_*} environment (docs/DEVELOPING.md) plus their own data dirs and /metrics
 * ports. Processes are recorded in the stack's pid files (with how to launch them again), so {@code status},
 * {@code down} and a {@link io.tributary.stack.Supervisor} see them; a service that already runs is reused. The load and
 * a run with a duration are one-shots: the supervisor does not restart them once they exit 0.
 */
final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    static final String SIMULATOR_LOAD = "simulator-load";
    static final String CDC_ENGINE = "cdc-engine";
    static final String LAKEHOUSE_JOB = "lakehouse-job";
    static final String SIMULATOR = "simulator";
    static final String SCHEDULER = "scheduler";

    private final LocalStack stack;
    private final PipelinePorts ports;
    private final MetricsScraper scraper = new MetricsScraper();

    Pipeline(LocalStack stack, PipelinePorts ports) {
        this.stack = stack;
        this.ports = ports;
    }

    PipelinePorts ports() {
        return ports;
    }

    /** Runs {@code simulator load} over csv-data/ (or TRIBUTARY_CSV_DATA) and waits for it; tables already loaded are skipped. */
    void load(Duration timeout) {
        stack.forget(SIMULATOR_LOAD);
        ManagedProcess load = stack.launchOneShot(ModuleLaunch.of(StageMain.SIMULATOR,
                List.of("load"), Map.of(), List.of(StageHeaps.SIMULATOR_LOAD)).named(SIMULATOR_LOAD));
        if (!load.waitFor(timeout)) {
            load.stop(Duration.ofSeconds(10));
            throw new StackException("simulator load did not finish within " + timeout + "; see " + load.logFile());
        }
        int code = load.exitCode().orElse(-1);
        if (code != 0) {
            throw new StackException("simulator load failed with exit code " + code + "; see " + load.logFile() + ":\n"
                    + lastLines(load, 20));
        }
        stack.forget(SIMULATOR_LOAD);
    }

    ManagedProcess startCdcEngine(Duration heartbeat) {
        return reuseOrLaunch(ModuleLaunch.of(StageMain.CDC_ENGINE, List.of(),
                cdcEngineEnvironment(stack.settings().dataDir(), ports.cdcEngine(), heartbeat, stack.kafkaCluster()),
                List.of(StageHeaps.CDC_ENGINE)));
    }

    /**
     * cdc-engine's variables on top of the stack's: its data dir, /metrics port and heartbeat; on a Kafka cluster of
     * three also the replication factor of the topics it creates (3; one broker keeps the engine's default, 1).
     */
    static Map<String, String> cdcEngineEnvironment(Path dataDir, int metricsPort, Duration heartbeat, KafkaCluster kafka) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(StageEnvironment.Cdc.DATA_DIR, dataDir.resolve("cdc-engine").toString());
        env.put(StageEnvironment.Cdc.METRICS_PORT, Integer.toString(metricsPort));
        env.put(StageEnvironment.Cdc.HEARTBEAT_INTERVAL, heartbeat.toMillis() + "ms");
        if (kafka.replicationFactor() > 1) {
            env.put(StageEnvironment.Cdc.TOPIC_REPLICATION_FACTOR, Integer.toString(kafka.replicationFactor()));
        }
        return Map.copyOf(env);
    }

    ManagedProcess startLakehouseJob(Duration trigger) {
        return startLakehouseJob(trigger, Map.of());
    }

    /** The lakehouse job with further settings, e.g. {@link #DEMO_GOLD} to run its gold query too. */
    ManagedProcess startLakehouseJob(Duration trigger, Map<String, String> settings) {
        List<String> jvm = new ArrayList<>(StageHeaps.options(StageHeaps.LAKEHOUSE_JOB));
        jvm.add("-Duser.timezone=UTC");
        jvm.addAll(SparkJvmOptions.get());
        Map<String, String> env = new java.util.HashMap<>(settings);
        env.put(StageEnvironment.Lakehouse.DATA_DIR, stack.settings().dataDir().resolve("lakehouse-job").toString());
        env.put(StageEnvironment.Lakehouse.METRICS_PORT, Integer.toString(ports.lakehouseJob()));
        env.put(StageEnvironment.Lakehouse.TRIGGER_INTERVAL, trigger.toMillis() + "ms");
        // Spark's web UI on loopback only (its port: TRIBUTARY_LAKEHOUSE_SPARK_UI_PORT, default 4040)
        env.put(StageEnvironment.Spark.LOCAL_IP, "127.0.0.1");
        return reuseOrLaunch(ModuleLaunch.of(StageMain.LAKEHOUSE_JOB, List.of("stream"), Map.copyOf(env), jvm));
    }

    /**
     * The demo's gold query (docs/gold.md): on, and orders abandoned after one minute of event time, so that the
     * alerts come within a demo's run.
     */
    static final Map<String, String> DEMO_GOLD = Map.of("TRIBUTARY_GOLD_ENABLED", "true",
            "TRIBUTARY_GOLD_ABANDONED_AFTER", "1m");

    /**
     * The scheduler stage (docs/scheduler.md): its /metrics on the stack's scheduler port, its own PostgreSQL login, its
     * jobs' logs under {@code <data-dir>/scheduler}; {@code maintain} asks the lakehouse job on its /metrics port.
     */
    ManagedProcess startScheduler() {
        Map<String, String> env = new HashMap<>(stack.schedulerLogin());
        env.put(StageEnvironment.Scheduler.DATA_DIR, stack.settings().dataDir().resolve(SCHEDULER).toString());
        env.put(StageEnvironment.Scheduler.METRICS_PORT, Integer.toString(stack.settings().ports().scheduler()));
        env.put(StageEnvironment.Lakehouse.METRICS_PORT, Integer.toString(ports.lakehouseJob()));
        return reuseOrLaunch(ModuleLaunch.of(StageMain.SCHEDULER, List.of("serve"), env,
                StageHeaps.options(StageHeaps.SCHEDULER)));
    }

    /** {@code simulator run}; {@code duration} null runs until stopped. */
    ManagedProcess startSimulator(int rate, Duration duration, boolean schemaChanges) {
        stack.forget(SIMULATOR);
        List<String> args = new ArrayList<>(List.of("run", "--rate", Integer.toString(rate)));
        if (duration != null) {
            args.addAll(List.of("--duration", duration.toMillis() + "ms"));
        }
        if (schemaChanges) {
            args.add("--schema-changes");
        }
        ModuleLaunch launch = ModuleLaunch.of(StageMain.SIMULATOR, args,
                Map.of(StageEnvironment.Simulator.METRICS_PORT, Integer.toString(ports.simulator())), List.of(StageHeaps.SIMULATOR));
        // with a duration the run ends on its own (a one-shot: exit 0 is not restarted); without, it is a service
        return duration != null ? stack.launchOneShot(launch) : stack.launch(launch);
    }

    /** What cdc-engine's /metrics say about its initial snapshot: rows exported so far, done once it streams. */
    record SnapshotProgress(boolean streaming, double rows) {
        static SnapshotProgress of(PrometheusText metrics) {
            return new SnapshotProgress(metrics.sum(MetricNames.Cdc.HEARTBEATS_TOTAL) > 0,
                    metrics.sumBy(MetricNames.Cdc.EVENTS_TOTAL, MetricLabels.OP).getOrDefault("r", 0.0));
        }
    }

    /** cdc-engine's snapshot progress; empty while it does not answer. */
    Optional<SnapshotProgress> cdcSnapshot() {
        return scraper.scrape(ports.cdcEngine()).map(SnapshotProgress::of);
    }

    /**
     * Waits until cdc-engine streams (its first heartbeat seen from the WAL), i.e. its initial snapshot is complete, and
     * returns how many rows the snapshot exported. {@code betweenPolls} runs once a second meanwhile (it may throw to
     * give up).
     */
    double awaitCdcStreaming(Duration timeout, Runnable betweenPolls) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<SnapshotProgress> progress = cdcSnapshot();
            if (progress.isPresent() && progress.get().streaming()) {
                return progress.get().rows();
            }
            betweenPolls.run();
            if (System.nanoTime() > deadline) {
                throw new StackException("cdc-engine did not finish its initial snapshot within " + timeout + "; see "
                        + stack.settings().logFile(CDC_ENGINE));
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while waiting for cdc-engine's initial snapshot");
            }
        }
    }

    static String lastLines(ManagedProcess process, int lines) {
        try {
            return String.join("\n", LogsCommand.tail(process.logFile(), lines));
        } catch (IOException e) {
            return "(cannot read " + process.logFile() + ": " + e.getMessage() + ")";
        }
    }

    private ManagedProcess reuseOrLaunch(ModuleLaunch launch) {
        ManagedProcess running = stack.launchedProcesses().get(launch.name());
        if (running != null && running.isAlive()) {
            LOG.info("{} already runs (pid {}); reusing it", launch.name(), running.pid());
            return running;
        }
        stack.forget(launch.name());
        return stack.launch(launch);
    }
}
