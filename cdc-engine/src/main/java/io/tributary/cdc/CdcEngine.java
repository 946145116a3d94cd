package io.tributary.cdc;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.tributary.cdc.avro.ChangeEventConverter;
import io.tributary.cdc.avro.ConnectAvroConverter;
import io.tributary.cdc.config.CdcConfig;
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
import io.tributary.cdc.pipeline.SourceRecords;
import io.tributary.cdc.pipeline.TopicProvisioner;
import io.tributary.serde.CachingSchemaRegistryClient;
import io.tributary.serde.ConfluentAvroSerializer;
import io.tributary.serde.RegistryClientSettings;
import io.tributary.serde.SerializerSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the engine: metrics, preflight checks, producer, serde, Debezium, WAL monitor; runs until stopped or failed. */
public final class CdcEngine {
    private static final Logger LOG = LoggerFactory.getLogger(CdcEngine.class);

    private final CdcConfig config;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int exitCode = 1;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile boolean stopRequested;
    /** Held by each batch and by a resume's replay: a parked table's replay never interleaves with a batch. */
    private final ReentrantLock pipelineLock = new ReentrantLock();

    public CdcEngine(CdcConfig config) {
        this.config = config;
    }

    /** Runs until {@link #stop()} (returns 0) or a failure (returns 1). */
    public int run() throws Exception {
        try {
            exitCode = runEngine();
            return exitCode;
        } finally {
            finished.countDown();
        }
    }

    /** Waits until {@link #run()} has released everything (offsets flushed, producer closed); returns its exit code. */
    public int awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? exitCode : 1;
    }

    private int runEngine() throws Exception {
        LOG.info("Starting cdc-engine: {}", config.describe());
        Files.createDirectories(config.dataDir());
        if (config.offsetsFile().getParent() != null) {
            Files.createDirectories(config.offsetsFile().getParent());
        }
        CdcMetrics metrics = new CdcMetrics();
        ParkedTables parkedTables = ParkedTables.load(ParkedTables.fileNextTo(config.offsetsFile()), metrics);
        Backoff startupBackoff = new Backoff(config.sendTimeout(), Duration.ofMillis(500), Duration.ofSeconds(10));
        Backoff postgresBackoff = new Backoff(config.pgRetryTimeout(), Duration.ofMillis(500), Duration.ofSeconds(10));
        MetricsServer metricsServer = config.metricsPort() < 0 ? null
                : MetricsServer.start(config.metricsBind(), config.metricsPort(), metrics);
        Admin admin = Admin.create(kafkaClientProperties(Map.of()));
        KafkaProducer<byte[], byte[]> producer = null;
        RetainedWalMonitor walMonitor = null;
        PostgresAvailabilityWatch postgresWatch = null;
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "debezium-engine"));
        try {
            Preflight preflight = new Preflight(config, startupBackoff, postgresBackoff);
            preflight.checkPostgres();
            preflight.awaitSlotFree();
            preflight.checkKafka(admin);

            producer = new KafkaProducer<>(producerProperties());
            CachingSchemaRegistryClient registry = new CachingSchemaRegistryClient(config.schemaRegistryUrl(),
                    RegistryClientSettings.defaults());
            ChangeSerializer serializer = new ChangeSerializer(registry,
                    new ConfluentAvroSerializer(registry, SerializerSettings.defaults()),
                    new Backoff(config.registryRetryTimeout(), Duration.ofMillis(500), Duration.ofSeconds(10)),
                    config.schemaRegistryUrl(), config.registryRetryTimeout());
            KafkaChangeSink sink = new KafkaChangeSink(producer, admin, serializer,
                    new TopicProvisioner(admin, config.topicPartitions(), config.topicReplicationFactor(), config.sendTimeout()),
                    Duration.ofSeconds(30));

            Properties engineProps = EngineProperties.of(config);
            ChangeEventConverter converter = new ChangeEventConverter(new ConnectAvroConverter(),
                    engineProps.getProperty("unavailable.value.placeholder", ChangeEventConverter.DEFAULT_PLACEHOLDER));
            // parking topics have one partition: a parked table's changes stay in order whatever their keys
            TableParking parking = new TableParking(parkedTables, new KafkaParkingSink(producer,
                    new TopicProvisioner(admin, 1, config.topicReplicationFactor(), config.sendTimeout())),
                    new ParkingTopics(config.topicPrefix()), Clock.systemUTC());
            ChangeBatchHandler<RecordChangeEvent<SourceRecord>> handler = new ChangeBatchHandler<>(
                    new SourceRecords(converter, new ParkedChangeCodec()), sink, parking, metrics,
                    config.sendTimeout().plusSeconds(30), Clock.systemUTC(), config.tombstones(),
                    () -> DurableFileOffsetStore.checkWritten(config.offsetsFile()), pipelineLock);

            if (metricsServer != null) {
                metricsServer.serveTableOperations(new ParkedTableOperations(parkedTables,
                        new KafkaParkedChangeSource(kafkaClientProperties(Map.of()), config.sendTimeout()),
                        new ParkedChangeCodec(), converter, serializer, sink, registry,
                        new SubjectCompatibility(config.schemaRegistryUrl(), Duration.ofSeconds(30)), pipelineLock, metrics,
                        config.sendTimeout().plusSeconds(30)));
            }

            engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(engineProps)
                    .notifying(handler)
                    .using(this::completed)
                    .build();

            walMonitor = new RetainedWalMonitor(config.jdbcUrl(), config.cdcUser(), config.cdcPassword().value(),
                    config.slot(), new RetainedWalPolicy(config.walWarnBytes(), 10), metrics);
            walMonitor.start(config.walCheckInterval());
            postgresWatch = new PostgresAvailabilityWatch(config.jdbcUrl(), config.pgHost() + ":" + config.pgPort(),
                    config.cdcUser(), config.cdcPassword().value(), config.pgRetryTimeout(), this::fail);
            postgresWatch.start();

            runner.execute(engine);
            LOG.info("Capturing schemas {} of {} into topics {}.<schema>.<table>", config.schemas(), config.pgDatabase(),
                    config.topicPrefix());
            stopped.await();
        } finally {
            if (postgresWatch != null) {
                postgresWatch.close();
            }
            if (walMonitor != null) {
                walMonitor.close();
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
        Throwable error = failure.get();
        EngineStopException stop = EngineStopException.find(error);
        if (stop != null) {
            // the message says what failed and what to do: one line; the cause chain for diagnosis below it at DEBUG
            LOG.debug("Cause of the stop", error);
            LOG.error("cdc-engine stopped: {}", stop.getMessage());
            return 1;
        }
        if (error != null) {
            LOG.error("cdc-engine stopped on an error; committed offsets are at the last fully acknowledged batch, "
                    + "a restart resumes from there: {}", rootMessage(error), error);
            return 1;
        }
        LOG.info("cdc-engine stopped");
        return 0;
    }

    /** Requests a graceful stop (shutdown hook). */
    public void stop() {
        stopRequested = true;
        closeEngine();
        stopped.countDown();
    }

    /** Stops the engine because of {@code error} (a watch found a dependency gone for too long). */
    private void fail(Throwable error) {
        failure.compareAndSet(null, error);
        closeEngine();
        stopped.countDown();
    }

    private void completed(boolean success, String message, Throwable error) {
        if (!success && !stopRequested) {
            failure.compareAndSet(null, error != null ? error : new IllegalStateException(message));
        } else if (!success) {
            LOG.warn("Engine stopped: {}", message);
        }
        stopped.countDown();
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

    private Properties producerProperties() {
        long timeoutMs = config.sendTimeout().toMillis();
        Properties p = new Properties();
        p.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeoutMs));
        p.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeoutMs));
        // request timeout must stay below the delivery timeout
        p.setProperty(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(30_000, Math.max(1_000, timeoutMs / 2))));
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        // a Debezium batch (up to 2,048 changes, ~1 MB) is sent at once: 16 kB producer batches meant ~50 produce
        // requests per batch, 5 in flight; 256 kB batches need a handful (kafka.batch.size overrides)
        p.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "tributary-cdc");
        p.putAll(kafkaClientProperties(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")));
        return p;
    }

    /** Bootstrap servers, then the kafka.* overrides, then the settings the engine must own. */
    private Properties kafkaClientProperties(Map<String, String> managed) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", config.kafkaBootstrap());
        config.kafkaOverrides().forEach(p::setProperty);
        managed.forEach(p::setProperty);
        return p;
    }

    static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof EngineStopException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
