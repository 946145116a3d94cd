package io.tributary.cdc.config;

import static io.tributary.configuration.SettingDefinition.define;

import io.tributary.configuration.Check;
import io.tributary.configuration.DefinedSetting;
import io.tributary.configuration.SettingCatalog;
import io.tributary.configuration.SettingDefinition;
import io.tributary.configuration.ValueType;

/**
 * Every setting of the cdc-engine: property key, environment variable, type, default and description.
 * {@code --help} and docs/cdc-engine.md are generated from / checked against this list.
 *
 * <p>The environment variable is the key upper-cased with dots replaced by underscores
 * ({@code tributary.pg.host} -> {@code TRIBUTARY_PG_HOST}). Secret settings also accept
 * {@code <ENV>_FILE} / {@code <key>.file} naming a file that holds the value.
 */
public enum CdcSetting implements DefinedSetting {
    PG_HOST(define("tributary.pg.host", ValueType.text()).defaultValue("127.0.0.1").doc("PostgreSQL host.")),
    PG_PORT(define("tributary.pg.port", ValueType.integer()).defaultValue("15432").check(Check.between(1, 65_535))
            .doc("PostgreSQL port.")),
    PG_DATABASE(define("tributary.pg.database", ValueType.text()).defaultValue("tributary")
            .doc("Database whose WAL is captured.")),
    CDC_USER(define("tributary.cdc.user", ValueType.text()).defaultValue("tributary_cdc")
            .doc("Login role with REPLICATION and SELECT on the captured tables.")),
    CDC_PASSWORD(define("tributary.cdc.password", ValueType.text()).secret("password")
            .doc("Password of the CDC role (required; prefer TRIBUTARY_CDC_PASSWORD_FILE).")),
    KAFKA_BOOTSTRAP(define("tributary.kafka.bootstrap", ValueType.text()).defaultValue("127.0.0.1:19092")
            .check(Check.hostPortList()).doc("Kafka bootstrap servers (host:port,...).")),
    SCHEMA_REGISTRY_URL(define("tributary.schema.registry.url", ValueType.uri()).defaultValue("http://127.0.0.1:18081")
            .check(Check.http()).doc("Schema registry base URL (Confluent REST API).")),
    TOPIC_PREFIX(define("tributary.topic.prefix", ValueType.text()).defaultValue("tributary")
            .check(Check.matches("[a-zA-Z0-9._-]+", "made of letters, digits, '.', '_' and '-' (valid in Kafka topic names)"))
            .doc("Topic prefix: topics are <prefix>.<schema>.<table>.")),
    SLOT(define("tributary.cdc.slot", ValueType.text()).defaultValue("tributary_slot").check(Check.IDENTIFIER)
            .doc("Logical replication slot (created if missing, never dropped on stop).")),
    PUBLICATION(define("tributary.cdc.publication", ValueType.text()).defaultValue("tributary_pub").check(Check.IDENTIFIER)
            .doc("Existing publication read through pgoutput (never created by the engine).")),
    SCHEMAS(define("tributary.cdc.schemas", ValueType.list(ValueType.text())).defaultValue("shop")
            .check(Check.eachAndNotEmpty(Check.IDENTIFIER)).doc("Comma-separated schemas whose tables are captured.")),
    SNAPSHOT_MODE(define("tributary.cdc.snapshot.mode", ValueType.enumOf(SnapshotMode.class)).defaultValue("initial")
            .doc("Debezium snapshot mode: initial, no_data, when_needed, initial_only or always.")),
    DATA_DIR(define("tributary.cdc.data.dir", ValueType.text()).defaultValue("data/cdc-engine")
            .envAlias("TRIBUTARY_DATA_DIR").doc("Directory for durable state (the offsets file).")),
    OFFSETS_FILE(define("tributary.cdc.offsets.file", ValueType.text()).defaultValue("")
            .doc("Offsets file; empty means <data dir>/offsets.dat. Delete it only together with the slot.")),
    HEARTBEAT_INTERVAL(define("tributary.cdc.heartbeat.interval", ValueType.duration()).defaultValue("10s")
            .check(Check.notNegative())
            .doc("Heartbeat interval: writes tributary_cdc.heartbeat so the slot advances while tables are idle; 0 disables.")),
    WAL_CHECK_INTERVAL(define("tributary.cdc.wal.check.interval", ValueType.duration()).defaultValue("30s")
            .check(Check.positive()).doc("How often the slot's retained WAL is measured.")),
    WAL_WARN_BYTES(define("tributary.cdc.wal.warn.bytes", ValueType.byteSize()).defaultValue("1GB")
            .doc("Retained WAL above which a warning is logged (e.g. 512MB, 1GB).")),
    TOMBSTONES(define("tributary.cdc.tombstones", ValueType.bool()).defaultValue("true")
            .doc("Follow each delete by a tombstone (null value) for log compaction.")),
    TOPIC_PARTITIONS(define("tributary.cdc.topic.partitions", ValueType.integer()).defaultValue("1")
            .check(Check.between(1, 10_000)).doc("Partitions of topics the engine creates.")),
    TOPIC_REPLICATION(define("tributary.cdc.topic.replication.factor", ValueType.integer()).defaultValue("1")
            .check(Check.between(1, 32)).doc("Replication factor of topics the engine creates.")),
    SEND_TIMEOUT(define("tributary.cdc.send.timeout", ValueType.duration()).defaultValue("2m").check(Check.positive())
            .doc("How long Kafka sends are retried (delivery.timeout.ms) before the engine stops with an error.")),
    REGISTRY_RETRY_TIMEOUT(define("tributary.cdc.registry.retry.timeout", ValueType.duration()).defaultValue("2m")
            .check(Check.positive())
            .doc("How long an unreachable schema registry is retried (with backoff) before the engine stops.")),
    PG_RETRY_TIMEOUT(define("tributary.cdc.pg.retry.timeout", ValueType.duration()).defaultValue("2m")
            .check(Check.positive())
            .doc("How long an unreachable PostgreSQL is retried (at start and while streaming) before the engine stops.")),
    PG_SOCKET_TIMEOUT(define("tributary.cdc.pg.socket.timeout", ValueType.duration()).defaultValue("60s")
            .check(Check.positive())
            .doc("How long a PostgreSQL connection of Debezium may wait for an answer (pgjdbc socketTimeout) before it is "
                    + "dropped and Debezium reconnects: bounds a connection that silently stops answering.")),
    METRICS_BIND(define("tributary.cdc.metrics.bind", ValueType.text()).defaultValue("127.0.0.1")
            .doc("Address of the Prometheus /metrics endpoint (0.0.0.0 in a container).")),
    METRICS_PORT(define("tributary.cdc.metrics.port", ValueType.integer()).defaultValue("18082")
            .check(Check.between(-1, 65_535)).envAlias("TRIBUTARY_METRICS_PORT")
            .doc("Port of the Prometheus /metrics endpoint; 0 picks a free port, -1 disables."));

    /** Every setting; {@code TRIBUTARY_CDC_*} variables must be among them, debezium.* and kafka.* keys pass through. */
    public static final SettingCatalog CATALOG = SettingCatalog.of("TRIBUTARY_CDC_", DefinedSetting.definitions(values()))
            .passingThrough(CdcConfig.DEBEZIUM_PREFIX, CdcConfig.KAFKA_PREFIX)
            .unknownKeyHint("; known keys start with tributary. (see --help), debezium. (engine pass-through)"
                    + " or kafka. (producer pass-through)");

    private final SettingDefinition<?> definition;

    CdcSetting(SettingDefinition.Builder<?> definition) {
        this.definition = definition.build();
    }

    @Override
    public SettingDefinition<?> definition() {
        return definition;
    }
}
