package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    @Test
    void defaultsFollowTheContract() {
        StackSettings s = StackSettings.builder(Path.of("/data/stack")).environment(Map.of()).build();
        assertThat(s.ports()).isEqualTo(StackPorts.DEFAULTS);
        assertThat(s.detachChildren()).isTrue();
        assertThat(s.logFile("kafka")).isEqualTo(Path.of("/data/stack/logs/kafka.log"));
        assertThat(s.serviceDir(Service.REGISTRY)).isEqualTo(Path.of("/data/stack/schema-registry"));
        assertThat(s.postgresBinaries()).isEqualTo(Path.of("/data/stack/postgres/dist"));
        assertThat(s.secretsDir()).isEqualTo(Path.of("/data/stack/secrets"));
    }

    @Test
    void forTestsUsesFreePortsAndIgnoresTheEnvironment() {
        StackSettings s = StackSettings.forTests(Path.of("target/x"));
        assertThat(s.ports()).isNotEqualTo(StackPorts.DEFAULTS);
        assertThat(s.environment()).isEmpty();
        assertThat(s.dataDir()).isAbsolute();
        assertThat(s.postgresBinaries().toString()).startsWith(System.getProperty("java.io.tmpdir"));
        assertThat(s.projectRoot().resolve("init-db")).isDirectory();
    }

    @Test
    void nonPositiveTimeoutsNameTheSetting() {
        assertThatThrownBy(() -> StackSettings.builder(Path.of("/d")).startupTimeout(Duration.ZERO).build())
                .hasMessageContaining("startupTimeout");
        assertThatThrownBy(() -> StackSettings.builder(Path.of("/d")).stopTimeout(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("stopTimeout");
    }
}
