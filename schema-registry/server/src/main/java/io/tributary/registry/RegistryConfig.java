package io.tributary.registry;

import io.tributary.configuration.SettingDefinition;
import io.tributary.configuration.SettingSource;
import io.tributary.configuration.SettingValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Typed, validated settings of the registry process.
 *
 * @param host address to bind (127.0.0.1 locally; 0.0.0.0 in a container)
 * @param port HTTP port (0 = any free port)
 * @param store where schemas live
 * @param kafkaBootstrap Kafka bootstrap servers (store KAFKA)
 * @param topic the compacted topic holding the schemas (store KAFKA)
 * @param kafkaTimeout timeout of Kafka admin calls and of reading the topic at start
 * @param writeTimeout how long a write (register, delete, config) waits for Kafka before it fails with 50001
 * @param maxRequestBytes largest accepted request body
 */
public record RegistryConfig(String host, int port, StoreKind store, String kafkaBootstrap, String topic,
        Duration kafkaTimeout, Duration writeTimeout, long maxRequestBytes) {

    /** Where the registry keeps its schemas. */
    public enum StoreKind {
        /** A compacted Kafka topic (durable; the default). */
        KAFKA,
        /** Process memory (lost on exit; for tests and throw-away runs). */
        MEMORY
    }

    /**
     * Parses the settings: a command-line option (keyed by the setting's variable, named by its option) wins over the
     * environment, which wins over the default. A {@link io.tributary.configuration.ConfigException} lists every
     * problem, an unknown {@code TRIBUTARY_REGISTRY_*} variable among them.
     *
     * @param options the given options: option name ({@code --port}) to {@link RegistrySettings} setting and value
     */
    public static RegistryConfig load(Map<String, String> environment, Map<String, Map.Entry<SettingDefinition<?>, String>> options) {
        List<SettingSource> sources = new ArrayList<>();
        options.forEach((option, given) -> sources.add(SettingSource.keys(option, Map.of(given.getKey().key(), given.getValue()))));
        sources.add(SettingSource.environment(environment));
        SettingValues v = RegistrySettings.CATALOG.parse(sources);
        v.throwIfInvalid();
        return new RegistryConfig(v.get(RegistrySettings.HOST),
                v.get(RegistrySettings.PORT),
                v.get(RegistrySettings.STORE),
                v.get(RegistrySettings.KAFKA_BOOTSTRAP),
                v.get(RegistrySettings.TOPIC),
                v.get(RegistrySettings.KAFKA_TIMEOUT),
                v.get(RegistrySettings.WRITE_TIMEOUT),
                v.get(RegistrySettings.MAX_REQUEST_BYTES));
    }

    public RegistryConfig {
        Objects.requireNonNull(store, "store");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("TRIBUTARY_REGISTRY_HOST (--host) must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("TRIBUTARY_REGISTRY_PORT (--port) must be in 0..65535, got " + port);
        }
        if (store == StoreKind.KAFKA) {
            if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) {
                throw new IllegalArgumentException(
                        "TRIBUTARY_KAFKA_BOOTSTRAP (--kafka-bootstrap) is required with the Kafka store, e.g. 127.0.0.1:19092");
            }
            if (topic == null || !topic.matches("[a-zA-Z0-9._-]{1,249}")) {
                throw new IllegalArgumentException("TRIBUTARY_REGISTRY_TOPIC (--topic) must be a valid Kafka topic name "
                        + "(letters, digits, '.', '_', '-'), got '" + topic + "'");
            }
        }
        if (kafkaTimeout == null || kafkaTimeout.isNegative() || kafkaTimeout.isZero()) {
            throw new IllegalArgumentException("--kafka-timeout must be positive, got " + kafkaTimeout);
        }
        if (writeTimeout == null || writeTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("--write-timeout must be at least 1 s, got " + writeTimeout);
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("--max-request-bytes must be at least 1024, got " + maxRequestBytes);
        }
    }
}
