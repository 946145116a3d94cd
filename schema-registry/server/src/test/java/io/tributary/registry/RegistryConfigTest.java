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
}
