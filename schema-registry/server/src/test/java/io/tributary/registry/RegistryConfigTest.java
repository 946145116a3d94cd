package io.tributary.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.registry.RegistryConfig.StoreKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RegistryConfigTest {
    private static final Duration T = Duration.ofSeconds(30);
    private static final Duration W = Duration.ofSeconds(15);

    @Test
    void badValuesNameTheVariableAndOption() {
        assertThatThrownBy(() -> new RegistryConfig("127.0.0.1", 70_000, StoreKind.KAFKA, "k:9092", "_schemas", T, W, 1 << 20))
                .hasMessageContaining("TRIBUTARY_REGISTRY_PORT (--port)").hasMessageContaining("70000");
        assertThatThrownBy(() -> new RegistryConfig("127.0.0.1", 1, StoreKind.KAFKA, " ", "_schemas", T, W, 1 << 20))
                .hasMessageContaining("TRIBUTARY_KAFKA_BOOTSTRAP (--kafka-bootstrap) is required");
        assertThatThrownBy(() -> new RegistryConfig("127.0.0.1", 1, StoreKind.KAFKA, "k:9092", "bad topic!", T, W, 1 << 20))
                .hasMessageContaining("TRIBUTARY_REGISTRY_TOPIC (--topic)").hasMessageContaining("'bad topic!'");
        assertThatThrownBy(() -> new RegistryConfig("127.0.0.1", 1, StoreKind.KAFKA, "k:9092", "_schemas", T,
                Duration.ofMillis(10), 1 << 20)).hasMessageContaining("--write-timeout");
        assertThatThrownBy(() -> new RegistryConfig("", 1, StoreKind.MEMORY, null, null, T, W, 1 << 20))
                .hasMessageContaining("TRIBUTARY_REGISTRY_HOST (--host)");
    }

    @Test
    void memoryStoreNeedsNoKafka() {
        RegistryConfig config = new RegistryConfig("127.0.0.1", 0, StoreKind.MEMORY, null, null, T, W, 1 << 20);
        assertThat(config.store()).isEqualTo(StoreKind.MEMORY);
    }

    @Test
    void helpListsEveryOptionWithItsVariable() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new SchemaRegistryMain());
        cli.setOut(new PrintWriter(out));
        cli.registerConverter(Duration.class, Duration::parse);

        int exit = cli.execute("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("--host", "TRIBUTARY_REGISTRY_HOST", "--port", "TRIBUTARY_REGISTRY_PORT",
                "--kafka-bootstrap", "TRIBUTARY_KAFKA_BOOTSTRAP", "--topic", "TRIBUTARY_REGISTRY_TOPIC", "--store",
                "--write-timeout", "--max-request-bytes");
    }

    @Test
    void aMisspeltVariableOfTheOwnPrefixAndTwoBadValuesAreReportedInOneError() {
        java.util.Map<String, String> env = java.util.Map.of("TRIBUTARY_REGISTRY_PROT", "18081",
                "TRIBUTARY_REGISTRY_STORE", "disk", "TRIBUTARY_REGISTRY_WRITE_TIMEOUT", "ten");
        assertThatThrownBy(() -> RegistryConfig.load(env, java.util.Map.of("--port",
                java.util.Map.<io.tributary.configuration.SettingDefinition<?>, String>entry(RegistrySettings.PORT, "x"))))
                .isInstanceOfSatisfying(io.tributary.configuration.ConfigException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "unknown setting TRIBUTARY_REGISTRY_PROT (from environment); did you mean TRIBUTARY_REGISTRY_PORT?",
                                "TRIBUTARY_REGISTRY_PORT (from --port)='x' is not a whole number",
                                "TRIBUTARY_REGISTRY_STORE (from environment)='disk' must be one of [kafka, memory]",
                                "TRIBUTARY_REGISTRY_WRITE_TIMEOUT (from environment)='ten' is not a duration:"
                                        + " use 500ms, 5s, 10s, 5m, 2h, 1d or PT10S"));
    }

    @Test
    void optionsWinOverTheEnvironmentAndDurationsTakeTheSharedSyntax() {
        RegistryConfig config = RegistryConfig.load(java.util.Map.of("TRIBUTARY_REGISTRY_PORT", "1", "TRIBUTARY_REGISTRY_STORE",
                "memory", "TRIBUTARY_REGISTRY_KAFKA_TIMEOUT", "90s"), java.util.Map.of("--port",
                java.util.Map.<io.tributary.configuration.SettingDefinition<?>, String>entry(RegistrySettings.PORT, "2")));
        assertThat(config.port()).isEqualTo(2);
        assertThat(config.store()).isEqualTo(StoreKind.MEMORY);
        assertThat(config.kafkaTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.writeTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.maxRequestBytes()).isEqualTo(1 << 20);
    }
}
