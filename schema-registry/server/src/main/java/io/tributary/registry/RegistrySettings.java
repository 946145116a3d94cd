package io.tributary.registry;

import static io.tributary.configuration.SettingDefinition.define;

import io.tributary.configuration.Check;
import io.tributary.configuration.SettingCatalog;
import io.tributary.configuration.SettingDefinition;
import io.tributary.configuration.ValueType;
import java.time.Duration;
import java.util.List;

/**
 * Every setting of the registry process: its environment variable (also the key), type, default and meaning. Each
 * has a command-line option of the same meaning (see {@link SchemaRegistryMain}), which wins over the variable.
 */
public final class RegistrySettings {
    public static final SettingDefinition<String> HOST = define("TRIBUTARY_REGISTRY_HOST", ValueType.text())
            .defaultValue("127.0.0.1").doc("Address to bind (127.0.0.1 locally; 0.0.0.0 in a container).").build();
    public static final SettingDefinition<Integer> PORT = define("TRIBUTARY_REGISTRY_PORT", ValueType.integer())
            .defaultValue("18081").check(Check.between(0, 65_535)).doc("HTTP port, 0 = any free port.").build();
    public static final SettingDefinition<String> KAFKA_BOOTSTRAP = define("TRIBUTARY_KAFKA_BOOTSTRAP", ValueType.text())
            .defaultValue("127.0.0.1:19092").doc("Kafka bootstrap servers (store KAFKA).").build();
    public static final SettingDefinition<String> TOPIC = define("TRIBUTARY_REGISTRY_TOPIC", ValueType.text())
            .defaultValue("_schemas")
            .check(Check.matches("[a-zA-Z0-9._-]{1,249}", "a valid Kafka topic name (letters, digits, '.', '_', '-')"))
            .doc("Compacted topic holding the schemas (store KAFKA).").build();
    public static final SettingDefinition<RegistryConfig.StoreKind> STORE = define("TRIBUTARY_REGISTRY_STORE",
            ValueType.enumOf(RegistryConfig.StoreKind.class)).defaultValue("KAFKA")
            .doc("KAFKA (durable) or MEMORY (lost on exit).").build();
    public static final SettingDefinition<Duration> KAFKA_TIMEOUT = define("TRIBUTARY_REGISTRY_KAFKA_TIMEOUT",
            ValueType.duration()).defaultValue("PT60S").check(Check.positive())
            .doc("Timeout of Kafka admin calls and of reading the topic at start.").build();
    public static final SettingDefinition<Duration> WRITE_TIMEOUT = define("TRIBUTARY_REGISTRY_WRITE_TIMEOUT",
            ValueType.duration()).defaultValue("PT15S").check(Check.atLeast(Duration.ofSeconds(1)))
            .doc("How long a write (register, delete, config) waits for Kafka before it fails with 50001.").build();
    public static final SettingDefinition<Long> MAX_REQUEST_BYTES = define("TRIBUTARY_REGISTRY_MAX_REQUEST_BYTES",
            ValueType.byteSize()).defaultValue("1048576").check(Check.atLeast(1024))
            .doc("Largest accepted request body (bytes, or e.g. 1MB).").build();

    /** Every setting; {@code TRIBUTARY_REGISTRY_*} variables must be among them. */
    public static final SettingCatalog CATALOG = SettingCatalog.of("TRIBUTARY_REGISTRY_",
            List.of(HOST, PORT, KAFKA_BOOTSTRAP, TOPIC, STORE, KAFKA_TIMEOUT, WRITE_TIMEOUT, MAX_REQUEST_BYTES));

    private RegistrySettings() {
    }
}
