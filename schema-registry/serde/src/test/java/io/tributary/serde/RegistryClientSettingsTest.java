package io.tributary.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryClientSettingsTest {

    @Test
    void readsKafkaStyleKeysAndKeepsDefaultsForTheRest() {
        RegistryClientSettings s = RegistryClientSettings.fromConfig(Map.of(
                RegistryClientSettings.MAX_RETRIES, "2",
                RegistryClientSettings.INITIAL_BACKOFF, 50,
                RegistryClientSettings.MAX_BACKOFF, "400"));

        assertThat(s.maxRetries()).isEqualTo(2);
        assertThat(s.initialBackoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(s.maxBackoff()).isEqualTo(Duration.ofMillis(400));
        assertThat(s.requestTimeout()).isEqualTo(RegistryClientSettings.defaults().requestTimeout());
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> RegistryClientSettings.fromConfig(Map.of(RegistryClientSettings.MAX_RETRIES, "many")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'schema.registry.max.retries'")
                .hasMessageContaining("'many'");
        assertThatThrownBy(() -> SerializerSettings.fromConfig(Map.of(SerializerSettings.AUTO_REGISTER, "yes")))
                .hasMessageContaining("'auto.register.schemas'");
        assertThatThrownBy(() -> RegistryClientConfig.clientFrom(Map.of()))
                .hasMessageContaining("'schema.registry.url' is required");
    }

    @Test
    void rejectsInconsistentSettings() {
        assertThatThrownBy(() -> RegistryClientSettings.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> RegistryClientSettings.defaults().withMaxRetries(-1)).hasMessageContaining("maxRetries");
    }

    @Test
    void autoRegisterDefaultsToTrue() {
        assertThat(SerializerSettings.fromConfig(Map.of()).autoRegister()).isTrue();
        assertThat(SerializerSettings.fromConfig(Map.of(SerializerSettings.AUTO_REGISTER, "false")).autoRegister()).isFalse();
    }
}
