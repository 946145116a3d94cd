package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.configuration.ConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's servers from the environment every stage reads: defaults of the local stack, secrets also from files. */
class ConsoleAddressesTest {
    private static final Map<String, URI> STAGES = Map.of(Pipeline.CDC_ENGINE, URI.create("http://cdc-engine:8082"));

    @Test
    void readsTheServersAndKeepsTheSecretsOutOfItsText() {
        ConsoleAddresses a = ConsoleAddresses.of(Map.of("TRIBUTARY_PG_HOST", "postgres", "TRIBUTARY_PG_PORT", "5432",
                "TRIBUTARY_APP_PASSWORD", "app-secret", "TRIBUTARY_KAFKA_BOOTSTRAP", "kafka:9092",
                "TRIBUTARY_S3_ENDPOINT", "http://minio:9000", "TRIBUTARY_S3_ACCESS_KEY", "writer",
                "TRIBUTARY_S3_SECRET_KEY", "s3-secret", "TRIBUTARY_TOPIC_PREFIX", "tributary"), STAGES);

        assertThat(a.postgres().jdbcUrl()).isEqualTo("jdbc:postgresql://postgres:5432/tributary");
        assertThat(a.postgres().appUser()).isEqualTo("tributary_app");
        assertThat(a.postgres().appPassword()).isEqualTo("app-secret");
        assertThat(a.kafkaBootstrap()).isEqualTo("kafka:9092");
        assertThat(a.registryUrl()).isEqualTo("http://127.0.0.1:18081");
        assertThat(a.lake().endpoint()).isEqualTo("http://minio:9000");
        assertThat(a.lake().bucket()).isEqualTo("lakehouse");
        assertThat(a.lake().secretKey()).isEqualTo("s3-secret");
        assertThat(a.stages()).isEqualTo(STAGES);
        assertThat(a.toString()).contains("postgres:5432", "kafka:9092", "http://minio:9000")
                .doesNotContain("app-secret", "s3-secret");
    }

    @Test
    void takesSecretsFromFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("app"), "from-file\n");
        Files.writeString(dir.resolve("secret"), "s3-from-file\n");
        ConsoleAddresses a = ConsoleAddresses.of(Map.of("TRIBUTARY_APP_PASSWORD_FILE", dir.resolve("app").toString(),
                "TRIBUTARY_S3_ACCESS_KEY", "writer", "TRIBUTARY_S3_SECRET_KEY_FILE", dir.resolve("secret").toString()), STAGES);

        assertThat(a.postgres().appPassword()).isEqualTo("from-file");
        assertThat(a.lake().secretKey()).isEqualTo("s3-from-file");
    }

    @Test
    void namesEveryMissingOrBadVariableAtOnce() {
        assertThatThrownBy(() -> ConsoleAddresses.of(Map.of("TRIBUTARY_PG_PORT", "fifty"), STAGES))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TRIBUTARY_PG_PORT").hasMessageContaining("fifty")
                .hasMessageContaining("TRIBUTARY_APP_PASSWORD").hasMessageContaining("TRIBUTARY_S3_ACCESS_KEY")
                .hasMessageContaining("TRIBUTARY_S3_SECRET_KEY");
    }
}
