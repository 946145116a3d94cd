package io.tributary.cdc;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.tributary.cdc.avro.ChangeEventConverter;
import io.tributary.cdc.avro.ConnectAvroConverter;
import io.tributary.cdc.config.CdcConfig;
import io.tributary.cdc.config.PostgresLogin;
import io.tributary.cdc.monitor.CdcMetrics;
import io.tributary.cdc.monitor.MetricsServer;
import io.tributary.cdc.monitor.PostgresAvailabilityWatch;
import io.tributary.cdc.monitor.RetainedWalMonitor;
import io.tributary.cdc.monitor.RetainedWalPolicy;
import io.tributary.cdc.offsets.DurableFileOffsetStore;
import io.tributary.cdc.parking.KafkaParkedChangeSource;
import io.tributary.cdc.parking.KafkaParkingSink;
import io.tributary.cdc.parking.ParkedChangeCodec;
import io.tributary.cdc.parking.ParkedTableOperations;
import io.tributary.cdc.parking.ParkedTables;
import io.tributary.cdc.parking.ParkingTopics;
import io.tributary.cdc.parking.SubjectCompatibility;
import io.tributary.cdc.parking.TableParking;
import io.tributary.cdc.pipeline.Backoff;
import io.tributary.cdc.pipeline.ChangeBatchHandler;
import io.tributary.cdc.pipeline.ChangeSerializer;
import io.tributary.cdc.pipeline.EngineProperties;
import io.tributary.cdc.pipeline.EngineStopException;
import io.tributary.cdc.pipeline.KafkaChangeSink;
import io.tributary.cdc.pipeline.KafkaClientProperties;
import io.tributary.cdc.pipeline.SourceRecords;
import io.tributary.cdc.pipeline.TopicProvisioner;
import io.tributary.cdc.signal.SignalTable;
import io.tributary.cdc.slot.SlotInspector;
import io.tributary.cdc.slot.SlotWatch;
import io.tributary.cdc.tables.CapturedTablesWatch;
import io.tributary.runtime.StageLifecycle;
import io.tributary.serde.CachingSchemaRegistryClient;
import io.tributary.serde.ConfluentAvroSerializer;
import io.tributary.serde.RegistryClientSettings;
import io.tributary.serde.SerializerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the engine: metrics, preflight checks, producer, serde, Debezium, WAL monitor; runs until stopped or failed. */
public final class CdcEngine {
    private static final Logger LOG = LoggerFactory.getLogger(CdcEngine.class);

    private final CdcConfig config;
    private final StageLifecycle lifecycle = new StageLifecycle("cdc-engine");
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    /** Held by each batch and by a resume's replay: a parked table's replay never interleaves with a batch. */
    private final ReentrantLock pipelineLock = new ReentrantLock();
    private KafkaProducer<byte[], byte[]> producer;
    private RetainedWalMonitor walMonitor;
    private PostgresAvailabilityWatch postgresWatch;
    private CapturedTablesWatch tablesWatch;
    /** Partitions of partitioned tables whose changes come through their root: left out of the snapshot. */
    private java.util.List<String> partitions = java.util.List.of();
    private SlotWatch slotWatch;

    public CdcEngine(CdcConfig config) {
        this.config = config;
    }

    /** Runs until {@link #stop()} (returns 0) or a failure (returns 1). */
    public int run() throws Exception {
        try {
            return runEngine();
        } catch (Exception | Error e) {
            lifecycle.failed(e);
            throw e;
        }
    }

    /** Waits until {@link #run()} has released everything (offsets flushed, producer closed); returns its exit code. */
    public int awaitFinished(Duration timeout) throws InterruptedException {
        return lifecycle.awaitEnd(timeout) && lifecycle.state() == StageLifecycle.State.STOPPED ? 0 : 1;
    }

    /** Where the run is (starting, running, stopping, stopped, or failed with its cause). */
    public StageLifecycle lifecycle() {
        return lifecycle;
    }

    private int runEngine() throws Exception {
        LOG.info("Starting cdc-engine: {}", config.describe());
        createDirectories();
        CdcMetrics metrics = new CdcMetrics();
        ParkedTables parkedTables = ParkedTables.load(ParkedTables.fileNextTo(config.offsetsFile()), metrics);
        MetricsServer metricsServer = config.metricsPort() < 0 ? null
                : MetricsServer.start(config.metricsBind(), config.metricsPort(), metrics);
        Admin admin = Admin.create(new KafkaClientProperties(config).admin());
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "debezium-engine"));
        try {
            checkDependencies(admin);
            producer = new KafkaProducer<>(new KafkaClientProperties(config).producer());
            CachingSchemaRegistryClient registry = new CachingSchemaRegistryClient(config.schemaRegistryUrl(),
                    RegistryClientSettings.defaults());
            ChangeSerializer serializer = changeSerializer(registry);
            KafkaChangeSink sink = changeSink(admin, serializer);
            Properties engineProps = EngineProperties.of(config, partitions);
            ChangeEventConverter converter = new ChangeEventConverter(new ConnectAvroConverter(),
                    engineProps.getProperty("unavailable.value.placeholder", ChangeEventConverter.DEFAULT_PLACEHOLDER));
            ChangeBatchHandler<RecordChangeEvent<SourceRecord>> handler = batchHandler(converter, sink,
                    tableParking(parkedTables, admin), metrics);
            if (metricsServer != null) {
                metricsServer.serveTableOperations(tableOperations(parkedTables, converter, serializer, sink, registry,
                        metrics));
                metricsServer.serveBackfill(new SignalTable(config.jdbcUrl(), config.cdcUser(),
                        config.cdcPassword().value(), config.schemas()));
            }
            engine = debeziumEngine(engineProps, handler);
            startWatches(metrics);
            capture(runner);
        } finally {
            release(runner, admin, metricsServer);
        }
        return outcome();
    }

    private void createDirectories() throws IOException {
        Files.createDirectories(config.dataDir());
        if (config.offsetsFile().getParent() != null) {
            Files.createDirectories(config.offsetsFile().getParent());
        }
    }

    /** PostgreSQL answers and the slot is free, Kafka answers: each within its retry budget. */
    private void checkDependencies(Admin admin) throws Exception {
        Backoff startupBackoff = new Backoff(config.sendTimeout(), Duration.ofMillis(500), Duration.ofSeconds(10));
        Backoff postgresBackoff = new Backoff(config.pgRetryTimeout(), Duration.ofMillis(500), Duration.ofSeconds(10));
        Preflight preflight = new Preflight(config, startupBackoff, postgresBackoff);
        preflight.checkPostgres();
        preflight.awaitSlotFree();
        slotWatch = new SlotWatch(new SlotInspector(config.jdbcUrl(), PostgresLogin.of(config.cdcUser(),
                config.cdcPassword().value(), "tributary-cdc-slot-watch", 30), config.slot()), config.offsetsFile(),
                this::fail);
        slotWatch.checkAtStart();
        partitions = preflight.partitionsToLeaveOut();
        preflight.checkKafka(admin);
    }

    private ChangeSerializer changeSerializer(CachingSchemaRegistryClient registry) {
        return new ChangeSerializer(registry, new ConfluentAvroSerializer(registry, SerializerSettings.defaults()),
                new Backoff(config.registryRetryTimeout(), Duration.ofMillis(500), Duration.ofSeconds(10)),
                config.schemaRegistryUrl(), config.registryRetryTimeout());
    }

    private KafkaChangeSink changeSink(Admin admin, ChangeSerializer serializer) {
        return new KafkaChangeSink(producer, admin, serializer,
                new TopicProvisioner(admin, config.topicPartitions(), config.topicReplicationFactor(), config.sendTimeout()),
                Duration.ofSeconds(30));
    }

    private TableParking tableParking(ParkedTables parkedTables, Admin admin) {
        // parking topics have one partition: a parked table's changes stay in order whatever their keys
        return new TableParking(parkedTables, new KafkaParkingSink(producer,
                new TopicProvisioner(admin, 1, config.topicReplicationFactor(), config.sendTimeout())),
                new ParkingTopics(config.topicPrefix()), Clock.systemUTC());
    }

    private ChangeBatchHandler<RecordChangeEvent<SourceRecord>> batchHandler(ChangeEventConverter converter,
            KafkaChangeSink sink, TableParking parking, CdcMetrics metrics) {
        return new ChangeBatchHandler<>(new SourceRecords(converter, new ParkedChangeCodec()), sink, parking, metrics,
                config.sendTimeout().plusSeconds(30), Clock.systemUTC(), config.tombstones(),
                () -> DurableFileOffsetStore.checkWritten(config.offsetsFile()), pipelineLock);
    }

    /** The park/resume endpoints of the metrics server. */
    private ParkedTableOperations tableOperations(ParkedTables parkedTables, ChangeEventConverter converter,
            ChangeSerializer serializer, KafkaChangeSink sink, CachingSchemaRegistryClient registry, CdcMetrics metrics) {
        return new ParkedTableOperations(parkedTables,
                new KafkaParkedChangeSource(new KafkaClientProperties(config).admin(), config.sendTimeout()),
                new ParkedChangeCodec(), converter, serializer, sink, registry,
                new SubjectCompatibility(config.schemaRegistryUrl(), Duration.ofSeconds(30)), pipelineLock, metrics,
                config.sendTimeout().plusSeconds(30));
    }

    private DebeziumEngine<RecordChangeEvent<SourceRecord>> debeziumEngine(Properties engineProps,
            ChangeBatchHandler<RecordChangeEvent<SourceRecord>> handler) {
        return DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(engineProps)
                .notifying(handler)
                .using(this::completed)
                .build();
    }

    /** The retained-WAL monitor, the captured tables' catalog watch and the PostgreSQL watch (which stops the engine when PostgreSQL stays away). */
    private void startWatches(CdcMetrics metrics) {
        walMonitor = new RetainedWalMonitor(config.jdbcUrl(), config.cdcUser(), config.cdcPassword().value(),
                config.slot(), new RetainedWalPolicy(config.walWarnBytes(), 10), metrics);
        walMonitor.start(config.walCheckInterval());
        tablesWatch = new CapturedTablesWatch(config.jdbcUrl(), config.cdcUser(), config.cdcPassword().value(),
                config.schemas(), metrics);
        tablesWatch.start(config.walCheckInterval());
        postgresWatch = new PostgresAvailabilityWatch(config.jdbcUrl(), config.pgHost() + ":" + config.pgPort(),
                config.cdcUser(), config.cdcPassword().value(), config.pgRetryTimeout(), this::fail);
        postgresWatch.start();
        // at most 5 s: shorter than Debezium's wait before a task restart (10 s), which would create a dropped slot again
        slotWatch.start(config.walCheckInterval().compareTo(Duration.ofSeconds(5)) < 0 ? config.walCheckInterval()
                : Duration.ofSeconds(5));
    }

    /** Runs Debezium and blocks until a stop is requested (on request, by a watch or by Debezium itself). */
    private void capture(ExecutorService runner) throws InterruptedException {
        runner.execute(engine);
        LOG.info("Capturing schemas {} of {} into topics {}.<schema>.<table>", config.schemas(), config.pgDatabase(),
                config.topicPrefix());
        lifecycle.running();
        lifecycle.awaitStopRequest();
    }

    /** Watches first, then Debezium (it flushes the offsets), then the producer, admin and metrics server. */
    private void release(ExecutorService runner, Admin admin, MetricsServer metricsServer) throws InterruptedException {
        if (postgresWatch != null) {
            postgresWatch.close();
        }
        if (walMonitor != null) {
            walMonitor.close();
        }
        if (tablesWatch != null) {
            tablesWatch.close();
        }
        if (slotWatch != null) {
            slotWatch.close();
        }
        closeEngine();
        runner.shutdown();
        if (!runner.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("The Debezium engine did not stop within 30 s");
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(30));
        }
        admin.close(Duration.ofSeconds(10));
        if (metricsServer != null) {
            metricsServer.close();
        }
    }

    /** Logs how the run ended, then ends it (a waiting shutdown hook may halt the JVM from here on): its exit code. */
    private int outcome() {
        Throwable error = lifecycle.failure().orElse(null);
        EngineStopException stop = EngineStopException.find(error);
        if (stop == null && error != null) {
            // Debezium may stop first on a lost slot (its seek to the stored offset fails): say what happened
            stop = slotProblem().map(p -> new EngineStopException(p, error)).orElse(null);
        }
        if (stop != null) {
            // the message says what failed and what to do: one line; the cause chain for diagnosis below it at DEBUG
            LOG.debug("Cause of the stop", error);
            LOG.error("cdc-engine stopped: {}", stop.getMessage());
        } else if (error != null) {
            LOG.error("cdc-engine stopped on an error; committed offsets are at the last fully acknowledged batch, "
                    + "a restart resumes from there: {}", rootMessage(error), error);
        } else {
            LOG.info("cdc-engine stopped");
        }
        lifecycle.ended();
        return error == null ? 0 : 1;
    }

    private java.util.Optional<String> slotProblem() {
        try {
            return slotWatch == null ? java.util.Optional.empty() : slotWatch.problem();
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    /** Requests a graceful stop (shutdown hook). */
    public void stop() {
        lifecycle.requestStop(null);
        closeEngine();
    }

    /** Stops the engine because of {@code error} (a watch found a dependency gone for too long). */
    private void fail(Throwable error) {
        lifecycle.requestStop(error);
        closeEngine();
    }

    private void completed(boolean success, String message, Throwable error) {
        if (!success && lifecycle.stoppingOnRequest()) {
            LOG.warn("Engine stopped: {}", message);
        } else if (!success) {
            lifecycle.requestStop(error != null ? error : new IllegalStateException(message));
        } else {
            lifecycle.requestStop(null);
        }
    }

    private void closeEngine() {
        DebeziumEngine<?> e = engine;
        if (e != null) {
            try {
                e.close();
            } catch (IOException | RuntimeException ex) {
                LOG.warn("Closing the Debezium engine failed: {}", ex.getMessage());
            }
        }
    }

    static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof EngineStopException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
