package io.tributary.registry;

import io.tributary.registry.store.InMemorySchemaStore;
import io.tributary.registry.store.KafkaSchemaStore;
import io.tributary.registry.store.SchemaStore;
import java.time.Duration;
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
        footer = "Every option defaults to its environment variable, shown in the description.")
public final class SchemaRegistryMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryMain.class);

    @Option(names = "--host", defaultValue = "${env:TRIBUTARY_REGISTRY_HOST:-127.0.0.1}",
            description = "Address to bind (env TRIBUTARY_REGISTRY_HOST, default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "${env:TRIBUTARY_REGISTRY_PORT:-18081}",
            description = "HTTP port, 0 = any free port (env TRIBUTARY_REGISTRY_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--kafka-bootstrap", defaultValue = "${env:TRIBUTARY_KAFKA_BOOTSTRAP:-127.0.0.1:19092}",
            description = "Kafka bootstrap servers (env TRIBUTARY_KAFKA_BOOTSTRAP, default ${DEFAULT-VALUE}).")
    String kafkaBootstrap;

    @Option(names = "--topic", defaultValue = "${env:TRIBUTARY_REGISTRY_TOPIC:-_schemas}",
            description = "Compacted topic holding the schemas (env TRIBUTARY_REGISTRY_TOPIC, default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--store", defaultValue = "${env:TRIBUTARY_REGISTRY_STORE:-KAFKA}",
            description = "KAFKA (durable) or MEMORY (lost on exit) (env TRIBUTARY_REGISTRY_STORE, default ${DEFAULT-VALUE}).")
    RegistryConfig.StoreKind store;

    @Option(names = "--kafka-timeout", defaultValue = "PT60S",
            description = "Timeout of Kafka admin calls and of reading the topic at start, ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration kafkaTimeout;

    @Option(names = "--write-timeout", defaultValue = "PT15S",
            description = "How long a write waits for Kafka before failing with error 50001, ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration writeTimeout;

    @Option(names = "--max-request-bytes", defaultValue = "1048576",
            description = "Largest accepted request body in bytes (default ${DEFAULT-VALUE}).")
    long maxRequestBytes;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new SchemaRegistryMain()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.registerConverter(Duration.class, Duration::parse);
        int exit = cli.execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        RegistryConfig config;
        try {
            config = new RegistryConfig(host, port, store, kafkaBootstrap, topic, kafkaTimeout, writeTimeout,
                    maxRequestBytes);
        } catch (IllegalArgumentException e) {
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
