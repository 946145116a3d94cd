package io.tributary.lakehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.configuration.ConfigException;
import io.tributary.configuration.DurationSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakehouseConfigTest {

    @Test
    void defaultsFollowTheSharedContract() {
        LakehouseConfig c = LakehouseConfig.load(Map.of(), Map.of(), Map.of());

        assertThat(c.kafkaBootstrap()).isEqualTo("127.0.0.1:19092");
        assertThat(c.schemaRegistryUrl()).hasToString("http://127.0.0.1:18081");
        assertThat(c.lakeRoot()).isEqualTo("s3a://lakehouse");
        assertThat(c.checkpointLocation()).isEqualTo("s3a://lakehouse/_checkpoints/lakehouse-job");
        assertThat(c.topicPattern().matcher("tributary.shop.orders").matches()).isTrue();
        assertThat(c.topicPattern().matcher("tributary.shop.orders.extra").matches()).isFalse();
        assertThat(c.topicPattern().matcher("tributary.tributary_cdc.heartbeat").matches()).isFalse();
        assertThat(c.topicPattern().matcher("tributaryXshopXorders").matches()).isFalse();
        assertThat(c.triggerInterval()).as("the next batch as soon as records wait").isEqualTo(Duration.ZERO);
        assertThat(c.metricsPort()).isEqualTo(18083);
        assertThat(c.sparkMaster()).isEqualTo("local[2]");
        assertThat(c.s3AccessKey()).isEmpty();
    }

    @Test
    void goldIsOffByDefaultAndTakesItsWatermark() {
        LakehouseConfig off = LakehouseConfig.load(Map.of(), Map.of(), Map.of());
        assertThat(off.goldEnabled()).isFalse();
        assertThat(off.goldWatermark()).isEqualTo(Duration.ofMinutes(2));
        assertThat(off.goldCheckpointLocation()).isEqualTo("s3a://lakehouse/_checkpoints/gold");

        LakehouseConfig on = LakehouseConfig.load(Map.of(),
                Map.of("TRIBUTARY_GOLD_ENABLED", "true", "TRIBUTARY_GOLD_WATERMARK", "30s"), Map.of());
        assertThat(on.goldEnabled()).isTrue();
        assertThat(on.goldWatermark()).isEqualTo(Duration.ofSeconds(30));
        assertThat(on.describe()).contains("gold=on (watermark 30s)");
        assertThatThrownBy(() -> LakehouseConfig.load(Map.of(), Map.of("TRIBUTARY_GOLD_WATERMARK", "soon"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TRIBUTARY_GOLD_WATERMARK");
        assertThatThrownBy(() -> LakehouseConfig.load(Map.of(), Map.of("TRIBUTARY_GOLD_ENABLE", "true"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown setting TRIBUTARY_GOLD_ENABLE")
                .hasMessageContaining("did you mean TRIBUTARY_GOLD_ENABLED?");
    }

    @Test
    void environmentWinsOverTheFileAndSetWinsOverBoth() {
        LakehouseConfig c = LakehouseConfig.load(
                Map.of("TRIBUTARY_LAKEHOUSE_TRIGGER_INTERVAL", "30s", "TRIBUTARY_S3_BUCKET", "filebucket",
                        "spark.sql.shuffle.partitions", "8"),
                Map.of("TRIBUTARY_LAKEHOUSE_TRIGGER_INTERVAL", "10s", "PATH", "/usr/bin"),
                Map.of("TRIBUTARY_LAKEHOUSE_TRIGGER_INTERVAL", "500ms"));

        assertThat(c.triggerInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.lakeRoot()).isEqualTo("s3a://filebucket");
        assertThat(c.sparkConf()).containsEntry("spark.sql.shuffle.partitions", "8");
    }

    @Test
    void secretsComeFromFilesAndAreNeverDescribed(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "s3cr3t-value\n");
        LakehouseConfig c = LakehouseConfig.load(Map.of(),
                Map.of("TRIBUTARY_S3_ACCESS_KEY", "AKIA", "TRIBUTARY_S3_SECRET_KEY_FILE", secret.toString()), Map.of());

        assertThat(c.s3SecretKey()).hasValue("s3cr3t-value");
        assertThat(c.describe()).doesNotContain("s3cr3t-value").doesNotContain("AKIA");
    }

    @Test
    void badValuesNameTheKeyAndItsSource() {
        assertThatThrownBy(() -> LakehouseConfig.load(Map.of(),
                Map.of("TRIBUTARY_LAKEHOUSE_TRIGGER_INTERVAL", "5 parsecs"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TRIBUTARY_LAKEHOUSE_TRIGGER_INTERVAL (from environment)")
                .hasMessageContaining("500ms, 5s");
        assertThatThrownBy(() -> LakehouseConfig.load(Map.of(), Map.of(),
                Map.of("TRIBUTARY_LAKEHOUSE_STARTING_OFFSETS", "middle")))
                .hasMessageContaining("TRIBUTARY_LAKEHOUSE_STARTING_OFFSETS (from --set)='middle' must be one of"
                        + " [earliest, latest]");
        assertThatThrownBy(() -> LakehouseConfig.load(Map.of(), Map.of("TRIBUTARY_SCHEMA_REGISTRY_URL", "registry"),
                Map.of())).hasMessageContaining("TRIBUTARY_SCHEMA_REGISTRY_URL (from environment)='registry' is not a URL");
    }

    @Test
    void unknownOwnKeysAreRejectedAsTypos() {
        assertThatThrownBy(() -> LakehouseConfig.load(Map.of(),
                Map.of("TRIBUTARY_LAKEHOUSE_TRIGER_INTERVAL", "5s"), Map.of()))
                .hasMessageContaining("unknown setting TRIBUTARY_LAKEHOUSE_TRIGER_INTERVAL (from environment)");
    }

    @Test
    void accessKeyWithoutSecretIsRejected() {
        assertThatThrownBy(() -> LakehouseConfig.load(Map.of(), Map.of("TRIBUTARY_S3_ACCESS_KEY", "a"), Map.of()))
                .hasMessageContaining("set both TRIBUTARY_S3_ACCESS_KEY and TRIBUTARY_S3_SECRET_KEY");
    }

    @Test
    void everySettingIsDocumented() {
        for (Setting s : Setting.values()) {
            assertThat(s.description()).as(s.key()).isNotBlank();
            assertThat(s.key()).startsWith("TRIBUTARY_");
        }
    }

    @Test
    void durationsInShortAndIsoForm() {
        assertThat(DurationSyntax.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationSyntax.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationSyntax.parse("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(DurationSyntax.format(Duration.ofHours(168))).isEqualTo("7d");
        assertThat(DurationSyntax.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void aMisspeltVariableOfTheOwnPrefixAndTwoBadValuesAreReportedInOneError() {
        assertThatThrownBy(() -> LakehouseConfig.load(Map.of(), Map.of("TRIBUTARY_LAKEHOUSE_TRIGER_INTERVAL", "5s",
                "TRIBUTARY_LAKEHOUSE_METRICS_PORT", "70000", "TRIBUTARY_LAKEHOUSE_COMMIT_BACKOFF", "soon"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "unknown setting TRIBUTARY_LAKEHOUSE_TRIGER_INTERVAL (from environment);"
                                + " did you mean TRIBUTARY_LAKEHOUSE_TRIGGER_INTERVAL?",
                        "TRIBUTARY_LAKEHOUSE_METRICS_PORT (from environment)='70000' must be between -1 and 65535",
                        "TRIBUTARY_LAKEHOUSE_COMMIT_BACKOFF (from environment)='soon' is not a duration:"
                                + " use 500ms, 5s, 10s, 5m, 2h, 1d or PT10S"));
    }

    @Test
    void anEmptyEndpointMeansTheAwsDefault() {
        assertThat(LakehouseConfig.load(Map.of(), Map.of("TRIBUTARY_S3_ENDPOINT", ""), Map.of()).s3Endpoint()).isEmpty();
    }
}
