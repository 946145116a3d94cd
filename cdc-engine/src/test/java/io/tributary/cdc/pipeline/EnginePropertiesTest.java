package io.tributary.cdc.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import io.tributary.cdc.config.CdcConfig;
import org.junit.jupiter.api.Test;

class EnginePropertiesTest {
    @Test
    void capturesWithTheContractNamesAndDurableOffsets() {
        CdcConfig config = CdcConfig.resolve(Map.of("tributary.cdc.data.dir", "/var/lib/cdc", "debezium.max.batch.size", "777"),
                Map.of("TRIBUTARY_CDC_PASSWORD", "pw", "TRIBUTARY_CDC_HEARTBEAT_INTERVAL", "2s"), Map.of());
        Properties p = EngineProperties.of(config);
        assertThat(p.getProperty("plugin.name")).isEqualTo("pgoutput");
        assertThat(p.getProperty("slot.name")).isEqualTo("tributary_slot");
        assertThat(p.getProperty("slot.drop.on.stop")).isEqualTo("false");
        assertThat(p.getProperty("publication.name")).isEqualTo("tributary_pub");
        assertThat(p.getProperty("publication.autocreate.mode")).isEqualTo("disabled");
        assertThat(p.getProperty("topic.prefix")).isEqualTo("tributary");
        assertThat(p.getProperty("schema.include.list")).isEqualTo("shop");
        assertThat(p.getProperty("snapshot.mode")).isEqualTo("initial");
        assertThat(p.getProperty("snapshot.locking.mode")).isEqualTo("shared");
        assertThat(p.getProperty("offset.storage")).isEqualTo("io.tributary.cdc.offsets.DurableFileOffsetStore");
        assertThat(Path.of(p.getProperty("offset.storage.file.filename"))).isEqualTo(Path.of("/var/lib/cdc/offsets.dat"));
        assertThat(p.getProperty("heartbeat.interval.ms")).isEqualTo("2000");
        assertThat(p.getProperty("heartbeat.action.query")).contains("tributary_cdc.heartbeat");
        assertThat(p.getProperty("skipped.operations")).isEqualTo("none");
        assertThat(p.getProperty("tombstones.on.delete")).isEqualTo("true");
        assertThat(p.getProperty("database.password")).isEqualTo("pw");
        assertThat(p.getProperty("max.batch.size")).isEqualTo("777");
    }

    /** Issue 20, item 6: partitions captured through their root are left out of snapshots. */
    @Test
    void partitionsAreLeftOutAndASlotAheadOfTheStoredOffsetIsNotRefused() {
        CdcConfig config = CdcConfig.resolve(Map.of(), Map.of("TRIBUTARY_CDC_PASSWORD", "pw"), Map.of());
        assertThat(EngineProperties.of(config).getProperty("table.exclude.list")).isNull();
        Properties p = EngineProperties.of(config, java.util.List.of("shop.events_2025", "shop.events_2026"));
        assertThat(p.getProperty("table.exclude.list")).isEqualTo("shop\\.events_2025,shop\\.events_2026");
        assertThat(p.getProperty("offset.mismatch.strategy")).as("Debezium's default: a slot ahead is not refused").isNull();
        assertThat(p.getProperty("database.socketTimeout")).as("tributary.cdc.pg.socket.timeout, default 60s").isEqualTo("60");
        CdcConfig quick = CdcConfig.resolve(Map.of("tributary.cdc.pg.socket.timeout", "1500ms"), Map.of("TRIBUTARY_CDC_PASSWORD", "pw"), Map.of());
        assertThat(EngineProperties.of(quick).getProperty("database.socketTimeout")).as("whole seconds, rounded up").isEqualTo("2");
        CdcConfig own = CdcConfig.resolve(Map.of("debezium.table.include.list", "shop\\.orders"),
                Map.of("TRIBUTARY_CDC_PASSWORD", "pw"), Map.of());
        assertThat(EngineProperties.of(own, java.util.List.of("shop.events_2025")).getProperty("table.exclude.list"))
                .as("an include list of the user's own decides").isNull();
    }

    /** The value forms of issue 20's type matrix (docs/cdc-engine.md, type mapping). */
    @Test
    void valueFormsKeepEveryTypeExact() {
        Properties p = EngineProperties.of(CdcConfig.resolve(Map.of(), Map.of("TRIBUTARY_CDC_PASSWORD", "pw"), Map.of()));
        assertThat(p.getProperty("decimal.handling.mode")).isEqualTo("precise");
        assertThat(p.getProperty("time.precision.mode")).isEqualTo("adaptive");
        assertThat(p.getProperty("interval.handling.mode")).isEqualTo("string");
        assertThat("shop.type_matrix.money").matches(p.getProperty("datatype.propagate.source.type"));
        assertThat("shop.type_matrix.numeric").doesNotMatch(p.getProperty("datatype.propagate.source.type"));
    }

    @Test
    void zeroHeartbeatIntervalDisablesHeartbeats() {
        CdcConfig config = CdcConfig.resolve(Map.of("tributary.cdc.heartbeat.interval", "0s"), Map.of("TRIBUTARY_CDC_PASSWORD", "pw"), Map.of());
        Properties p = EngineProperties.of(config);
        assertThat(p.getProperty("heartbeat.interval.ms")).isNull();
        assertThat(p.getProperty("heartbeat.action.query")).isNull();
    }

    @Test
    void debeziumRetriesCannotRunOutBeforeThePostgresRetryBudget() {
        assertThat(EngineProperties.retriesWithin(Duration.ofSeconds(4), Duration.ofMillis(500), Duration.ofSeconds(10)))
                .isEqualTo(4); // 0.5 + 1 + 2 + 4 s
        assertThat(EngineProperties.retriesWithin(Duration.ofMinutes(2), Duration.ofMillis(500), Duration.ofSeconds(10)))
                .isEqualTo(16); // 15.5 s, then 11 waits of 10 s
        CdcConfig config = CdcConfig.resolve(Map.of("tributary.cdc.pg.retry.timeout", "4s"), Map.of("TRIBUTARY_CDC_PASSWORD", "pw"), Map.of());
        assertThat(config.pgRetryTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(EngineProperties.of(config).getProperty("errors.max.retries")).isEqualTo("9");
        // shorter delays set through debezium.* mean more retries within the same time
        CdcConfig faster = CdcConfig.resolve(Map.of("tributary.cdc.pg.retry.timeout", "4s", "debezium.errors.retry.delay.max.ms", "1000"),
                Map.of("TRIBUTARY_CDC_PASSWORD", "pw"), Map.of());
        assertThat(EngineProperties.of(faster).getProperty("errors.max.retries")).isEqualTo("11"); // 0.5 + 1 + 1 + 1 + 1
    }
}
