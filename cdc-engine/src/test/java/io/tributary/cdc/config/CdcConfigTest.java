package io.tributary.cdc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.configuration.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdcConfigTest {
    private static final Map<String, String> PASSWORD = Map.of("TRIBUTARY_CDC_PASSWORD", "s3cret");

    @Test
    void defaultsFollowTheSharedContract() {
        CdcConfig c = CdcConfig.resolve(Map.of(), PASSWORD, Map.of());
        assertThat(c.pgHost()).isEqualTo("127.0.0.1");
        assertThat(c.pgPort()).isEqualTo(15432);
        assertThat(c.pgDatabase()).isEqualTo("tributary");
        assertThat(c.cdcUser()).isEqualTo("tributary_cdc");
        assertThat(c.kafkaBootstrap()).isEqualTo("127.0.0.1:19092");
        assertThat(c.schemaRegistryUrl()).hasToString("http://127.0.0.1:18081");
        assertThat(c.topicPrefix()).isEqualTo("tributary");
        assertThat(c.slot()).isEqualTo("tributary_slot");
        assertThat(c.publication()).isEqualTo("tributary_pub");
        assertThat(c.schemas()).containsExactly("shop");
        assertThat(c.snapshotMode()).isEqualTo(SnapshotMode.INITIAL);
        assertThat(c.offsetsFile()).isEqualTo(Path.of("data/cdc-engine/offsets.dat"));
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.walWarnBytes()).isEqualTo(1L << 30);
        assertThat(c.metricsPort()).isEqualTo(18082);
        assertThat(c.tombstones()).isTrue();
        assertThat(c.sendTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.registryRetryTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.pgRetryTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void overridesBeatEnvironmentWhichBeatsTheFile() {
        Map<String, String> file = Map.of("tributary.pg.host", "file-host", "tributary.pg.port", "1111",
                "tributary.cdc.slot", "file_slot");
        Map<String, String> env = Map.of("TRIBUTARY_CDC_PASSWORD", "x", "TRIBUTARY_PG_HOST", "env-host", "TRIBUTARY_PG_PORT", "2222");
        Map<String, String> cli = Map.of("tributary.pg.port", "3333");
        CdcConfig c = CdcConfig.resolve(file, env, cli);
        assertThat(c.pgHost()).isEqualTo("env-host");
        assertThat(c.pgPort()).isEqualTo(3333);
        assertThat(c.slot()).isEqualTo("file_slot");
    }

    @Test
    void passwordFromFileIsReadAndNeverPrinted(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("pw");
        Files.writeString(secret, "from-file\n");
        CdcConfig c = CdcConfig.resolve(Map.of(), Map.of("TRIBUTARY_CDC_PASSWORD_FILE", secret.toString()), Map.of());
        assertThat(c.cdcPassword().value()).isEqualTo("from-file");
        assertThat(c.describe()).doesNotContain("from-file").contains("<redacted>");
        assertThat(c.toString()).doesNotContain("from-file");
    }

    @Test
    void missingPasswordNamesTheKeyAndTheEnvironmentVariables() {
        assertThatThrownBy(() -> CdcConfig.resolve(Map.of(), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tributary.cdc.password")
                .hasMessageContaining("TRIBUTARY_CDC_PASSWORD_FILE");
    }

    @Test
    void missingSecretFileIsReportedWithItsPath() {
        assertThatThrownBy(() -> CdcConfig.resolve(Map.of(), Map.of("TRIBUTARY_CDC_PASSWORD_FILE", "/nonexistent/pw"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("/nonexistent/pw")
                .hasMessageContaining("TRIBUTARY_CDC_PASSWORD_FILE");
    }

    @Test
    void invalidValuesNameKeySourceAndExpectation() {
        assertThatThrownBy(() -> CdcConfig.resolve(Map.of("tributary.cdc.heartbeat.interval", "ten seconds"), PASSWORD, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tributary.cdc.heartbeat.interval")
                .hasMessageContaining("configuration file")
                .hasMessageContaining("10s");
        assertThatThrownBy(() -> CdcConfig.resolve(Map.of(), Map.of("TRIBUTARY_CDC_PASSWORD", "x", "TRIBUTARY_PG_PORT", "70000"), Map.of()))
                .hasMessageContaining("TRIBUTARY_PG_PORT").hasMessageContaining("between 1 and 65535");
        assertThatThrownBy(() -> CdcConfig.resolve(Map.of(), PASSWORD, Map.of("tributary.cdc.snapshot.mode", "sometimes")))
                .hasMessageContaining("tributary.cdc.snapshot.mode");
        assertThatThrownBy(() -> CdcConfig.resolve(Map.of(), PASSWORD, Map.of("tributary.schema.registry.url", "ftp://x")))
                .hasMessageContaining("http");
        assertThatThrownBy(() -> CdcConfig.resolve(Map.of(), PASSWORD, Map.of("tributary.kafka.bootstrap", "localhost")))
                .hasMessageContaining("host:port");
        assertThatThrownBy(() -> CdcConfig.resolve(Map.of(), PASSWORD, Map.of("tributary.cdc.slot", "Bad-Slot")))
                .hasMessageContaining("tributary.cdc.slot").hasMessageContaining("identifier");
    }

    @Test
    void unknownKeysAreRejected() {
        assertThatThrownBy(() -> CdcConfig.resolve(Map.of("tributary.cdc.heartbeat", "5s"), PASSWORD, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown key 'tributary.cdc.heartbeat'");
        assertThatThrownBy(() -> CdcConfig.resolve(Map.of("slot.name", "x"), PASSWORD, Map.of()))
                .hasMessageContaining("Unknown key 'slot.name'");
    }

    @Test
    void passThroughKeysLoseTheirPrefixAndManagedOnesAreRefused() {
        CdcConfig c = CdcConfig.resolve(Map.of("debezium.max.batch.size", "512", "kafka.compression.type", "gzip"), PASSWORD, Map.of());
        assertThat(c.debeziumOverrides()).containsExactly(Map.entry("max.batch.size", "512"));
        assertThat(c.kafkaOverrides()).containsExactly(Map.entry("compression.type", "gzip"));

        assertThatThrownBy(() -> CdcConfig.resolve(Map.of("debezium.slot.name", "x"), PASSWORD, Map.of()))
                .hasMessageContaining("debezium.slot.name").hasMessageContaining("tributary.cdc.slot");
        assertThatThrownBy(() -> CdcConfig.resolve(Map.of("debezium.offset.storage.topic", "x"), PASSWORD, Map.of()))
                .hasMessageContaining("tributary.cdc.offsets.file");
        assertThatThrownBy(() -> CdcConfig.resolve(Map.of("debezium.errors.max.retries", "5"), PASSWORD, Map.of()))
                .hasMessageContaining("tributary.cdc.pg.retry.timeout");
        assertThatThrownBy(() -> CdcConfig.resolve(Map.of("kafka.acks", "1"), PASSWORD, Map.of()))
                .hasMessageContaining("acks=all");
    }

    @Test
    void schemasAndSizesAndOffsetsFileAreParsed(@TempDir Path dir) {
        CdcConfig c = CdcConfig.resolve(Map.of("tributary.cdc.schemas", "shop, billing", "tributary.cdc.wal.warn.bytes", "64MB",
                "tributary.cdc.data.dir", dir.toString(), "tributary.cdc.heartbeat.interval", "0s"), PASSWORD, Map.of());
        assertThat(c.schemas()).isEqualTo(List.of("shop", "billing"));
        assertThat(c.walWarnBytes()).isEqualTo(64L << 20);
        assertThat(c.offsetsFile()).isEqualTo(dir.resolve("offsets.dat"));
        assertThat(c.heartbeatInterval()).isZero();
    }

    @Test
    void propertiesFileIsLoadedAndAMissingOneIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cdc.properties");
        Files.writeString(file, "tributary.topic.prefix = lake\ndebezium.max.queue.size=4096\n");
        CdcConfig c = CdcConfig.load(file, PASSWORD, Map.of());
        assertThat(c.topicPrefix()).isEqualTo("lake");
        assertThat(c.debeziumOverrides()).containsEntry("max.queue.size", "4096");
        assertThatThrownBy(() -> CdcConfig.load(dir.resolve("missing.properties"), PASSWORD, Map.of()))
                .hasMessageContaining("missing.properties").hasMessageContaining("--config");
    }

    @Test
    void everySettingHasADescriptionAndAnEnvironmentName() {
        for (CdcSetting s : CdcSetting.values()) {
            assertThat(s.description()).as(s.key()).isNotBlank();
            assertThat(s.key()).startsWith("tributary.");
            assertThat(s.envName()).startsWith("TRIBUTARY_").doesNotContain(".");
        }
        assertThat(CdcSetting.CDC_PASSWORD.envName()).isEqualTo("TRIBUTARY_CDC_PASSWORD");
        assertThat(CdcSetting.SCHEMA_REGISTRY_URL.envName()).isEqualTo("TRIBUTARY_SCHEMA_REGISTRY_URL");
        assertThat(CdcSetting.KAFKA_BOOTSTRAP.envName()).isEqualTo("TRIBUTARY_KAFKA_BOOTSTRAP");
    }

    @Test
    void containerImageGenericVariablesAreHonouredButTheOwnNamesWin() {
        Map<String, String> env = Map.of("TRIBUTARY_CDC_PASSWORD", "x", "TRIBUTARY_DATA_DIR", "/var/lib/tributary",
                "TRIBUTARY_METRICS_PORT", "8082");
        CdcConfig c = CdcConfig.resolve(Map.of(), env, Map.of());
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/tributary"));
        assertThat(c.offsetsFile()).isEqualTo(Path.of("/var/lib/tributary/offsets.dat"));
        assertThat(c.metricsPort()).isEqualTo(8082);
        Map<String, String> both = new java.util.HashMap<>(env);
        both.put("TRIBUTARY_CDC_DATA_DIR", "/data/cdc");
        assertThat(CdcConfig.resolve(Map.of(), both, Map.of()).dataDir()).isEqualTo(Path.of("/data/cdc"));
    }

    @Test
    void aMisspeltVariableOfTheOwnPrefixAndTwoBadValuesAreReportedInOneError() {
        Map<String, String> env = Map.of("TRIBUTARY_CDC_PASSWORD", "x", "TRIBUTARY_CDC_HEARTBEAT", "5s",
                "TRIBUTARY_CDC_HEARTBEAT_INTERVAL", "ten", "TRIBUTARY_PG_PORT", "0");
        assertThatThrownBy(() -> CdcConfig.resolve(Map.of(), env, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "unknown setting TRIBUTARY_CDC_HEARTBEAT (from environment);"
                                + " did you mean TRIBUTARY_CDC_HEARTBEAT_INTERVAL?",
                        "TRIBUTARY_CDC_HEARTBEAT_INTERVAL (from environment)='ten' is not a duration:"
                                + " use 500ms, 5s, 10s, 5m, 2h, 1d or PT10S",
                        "TRIBUTARY_PG_PORT (from environment)='0' must be between 1 and 65535"));
    }

    @Test
    void secretsAreRedactedInProblems() {
        assertThatThrownBy(() -> CdcConfig.resolve(Map.of(), Map.of("TRIBUTARY_CDC_PASSWORD", " "), Map.of()))
                .hasMessageStartingWith("TRIBUTARY_CDC_PASSWORD (from environment)=<redacted> must not be empty");
    }
}
