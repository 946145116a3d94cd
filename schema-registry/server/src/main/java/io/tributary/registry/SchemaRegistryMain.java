package io.tributary.registry;

import io.tributary.registry.store.InMemorySchemaStore;
import io.tributary.registry.store.KafkaSchemaStore;
import io.tributary.registry.store.SchemaStore;
import io.tributary.configuration.ConfigException;
import io.tributary.configuration.SettingDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the schema registry: reads its store to the end, then serves the Confluent REST API until stopped. */
@Command(name = "schema-registry", mixinStandardHelpOptions = true,
        description = "Confluent-compatible schema registry (Avro) storing schemas in a compacted Kafka topic.",
        footer = "Every option defaults to its environment variable, shown in the description. Durations: 500ms, 10s, 5m,"
                + " 2h, 1d or ISO-8601 (PT10S). An unknown TRIBUTARY_REGISTRY_* variable is an error.")
public final class SchemaRegistryMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryMain.class);

    @Option(names = "--host", description = "Address to bind (env TRIBUTARY_REGISTRY_HOST, default 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "HTTP port, 0 = any free port (env TRIBUTARY_REGISTRY_PORT, default 18081).")
    String port;

    @Option(names = "--kafka-bootstrap",
            description = "Kafka bootstrap servers (env TRIBUTARY_KAFKA_BOOTSTRAP, default 127.0.0.1:19092).")
    String kafkaBootstrap;

    @Option(names = "--topic",
            description = "Compacted topic holding the schemas (env TRIBUTARY_REGISTRY_TOPIC, default _schemas).")
    String topic;

    @Option(names = "--store",
            description = "KAFKA (durable) or MEMORY (lost on exit) (env TRIBUTARY_REGISTRY_STORE, default KAFKA).")
    String store;

    @Option(names = "--kafka-timeout", description = "Timeout of Kafka admin calls and of reading the topic at start,"
            + " e.g. 60s or PT60S (env TRIBUTARY_REGISTRY_KAFKA_TIMEOUT, default PT60S).")
    String kafkaTimeout;

    @Option(names = "--write-timeout", description = "How long a write waits for Kafka before failing with error 50001,"
            + " e.g. 15s or PT15S (env TRIBUTARY_REGISTRY_WRITE_TIMEOUT, default PT15S).")
    String writeTimeout;

    @Option(names = "--max-request-bytes", description = "Largest accepted request body in bytes or e.g. 1MB"
            + " (env TRIBUTARY_REGISTRY_MAX_REQUEST_BYTES, default 1048576).")
    String maxRequestBytes;

    public static void main(String[] args) {
        int exit = new CommandLine(new SchemaRegistryMain()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        RegistryConfig config;
        try {
            config = RegistryConfig.load(System.getenv(), givenOptions());
        } catch (ConfigException | IllegalArgumentException e) {
            LOG.error("Invalid configuration: {}", e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (RunningRegistry registry = RunningRegistry.start(config)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("Shutting down the schema registry");
                registry.close();
                stopped.countDown();
            }, "registry-shutdown"));
            stopped.await();
        } catch (RuntimeException e) {
            LOG.error("Schema registry failed to start: {}", e.getMessage(), e);
            return 1;
        }
        return 0;
    }

    /** The options given on the command line, each with the setting it overrides. */
    private Map<String, Map.Entry<SettingDefinition<?>, String>> givenOptions() {
        Map<String, Map.Entry<SettingDefinition<?>, String>> given = new LinkedHashMap<>();
        putIfGiven(given, "--host", RegistrySettings.HOST, host);
        putIfGiven(given, "--port", RegistrySettings.PORT, port);
        putIfGiven(given, "--kafka-bootstrap", RegistrySettings.KAFKA_BOOTSTRAP, kafkaBootstrap);
        putIfGiven(given, "--topic", RegistrySettings.TOPIC, topic);
        putIfGiven(given, "--store", RegistrySettings.STORE, store);
        putIfGiven(given, "--kafka-timeout", RegistrySettings.KAFKA_TIMEOUT, kafkaTimeout);
        putIfGiven(given, "--write-timeout", RegistrySettings.WRITE_TIMEOUT, writeTimeout);
        putIfGiven(given, "--max-request-bytes", RegistrySettings.MAX_REQUEST_BYTES, maxRequestBytes);
        return given;
    }

    private static void putIfGiven(Map<String, Map.Entry<SettingDefinition<?>, String>> given, String option,
            SettingDefinition<?> setting, String value) {
        if (value != null) {
            given.put(option, Map.entry(setting, value));
        }
    }

    /** A started registry: its store and HTTP server; closing stops both. */
    public static final class RunningRegistry implements AutoCloseable {
        private final SchemaStore store;
        private final RegistryHttpServer server;
        private boolean closed;

        private RunningRegistry(SchemaStore store, RegistryHttpServer server) {
            this.store = store;
            this.server = server;
        }

        public static RunningRegistry start(RegistryConfig config) {
            SchemaStore store = config.store() == RegistryConfig.StoreKind.MEMORY
                    ? new InMemorySchemaStore()
                    : new KafkaSchemaStore(config.kafkaBootstrap(), config.topic(), config.kafkaTimeout(),
                            config.writeTimeout());
            try {
                SchemaRegistryService service = new SchemaRegistryService(store);
                RegistryHttpServer server = new RegistryHttpServer(service, config.maxRequestBytes())
                        .start(config.host(), config.port());
                LOG.info("Schema registry ready on http://{}:{} ({})", config.host(), server.port(), store.describe());
                return new RunningRegistry(store, server);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }

        public int port() {
            return server.port();
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            server.close();
            store.close();
        }
    }
}
