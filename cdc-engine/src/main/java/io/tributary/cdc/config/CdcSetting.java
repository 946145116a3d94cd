package io.tributary.cdc.config;

import java.util.Locale;

/**
 * Every setting of the cdc-engine: property key, environment variable, default and description.
 * {@code --help} and docs/cdc-engine.md are generated from / checked against this list.
 *
 * <p>The environment variable is the key upper-cased with dots replaced by underscores
 * ({@code tributary.pg.host} -> {@code TRIBUTARY_PG_HOST}). Secret settings also accept
 * {@code <ENV>_FILE} / {@code <key>.file} naming a file that holds the value.
 */
public enum CdcSetting {
    PG_HOST("tributary.pg.host", "127.0.0.1", "PostgreSQL host."),
    PG_PORT("tributary.pg.port", "15432", "PostgreSQL port."),
    PG_DATABASE("tributary.pg.database", "tributary", "Database whose WAL is captured."),
    CDC_USER("tributary.cdc.user", "tributary_cdc", "Login role with REPLICATION and SELECT on the captured tables."),
    CDC_PASSWORD("tributary.cdc.password", null, "Password of the CDC role (required; prefer TRIBUTARY_CDC_PASSWORD_FILE).", true),
    KAFKA_BOOTSTRAP("tributary.kafka.bootstrap", "127.0.0.1:19092", "Kafka bootstrap servers (host:port,...)."),
    SCHEMA_REGISTRY_URL("tributary.schema.registry.url", "http://127.0.0.1:18081", "Schema registry base URL (Confluent REST API)."),
    TOPIC_PREFIX("tributary.topic.prefix", "tributary", "Topic prefix: topics are <prefix>.<schema>.<table>."),
    SLOT("tributary.cdc.slot", "tributary_slot", "Logical replication slot (created if missing, never dropped on stop)."),
    PUBLICATION("tributary.cdc.publication", "tributary_pub", "Existing publication read through pgoutput (never created by the engine)."),
    SCHEMAS("tributary.cdc.schemas", "shop", "Comma-separated schemas whose tables are captured."),
    SNAPSHOT_MODE("tributary.cdc.snapshot.mode", "initial",
            "Debezium snapshot mode: initial, no_data, when_needed, initial_only or always."),
    DATA_DIR("tributary.cdc.data.dir", "data/cdc-engine", "Directory for durable state (the offsets file).", false,
            "TRIBUTARY_DATA_DIR"),
    OFFSETS_FILE("tributary.cdc.offsets.file", "",
            "Offsets file; empty means <data dir>/offsets.dat. Delete it only together with the slot."),
    HEARTBEAT_INTERVAL("tributary.cdc.heartbeat.interval", "10s",
            "Heartbeat interval: writes tributary_cdc.heartbeat so the slot advances while tables are idle; 0 disables."),
    WAL_CHECK_INTERVAL("tributary.cdc.wal.check.interval", "30s", "How often the slot's retained WAL is measured."),
    WAL_WARN_BYTES("tributary.cdc.wal.warn.bytes", "1GB", "Retained WAL above which a warning is logged (e.g. 512MB, 1GB)."),
    TOMBSTONES("tributary.cdc.tombstones", "true", "Follow each delete by a tombstone (null value) for log compaction."),
    TOPIC_PARTITIONS("tributary.cdc.topic.partitions", "1", "Partitions of topics the engine creates."),
    TOPIC_REPLICATION("tributary.cdc.topic.replication.factor", "1", "Replication factor of topics the engine creates."),
    SEND_TIMEOUT("tributary.cdc.send.timeout", "2m",
            "How long Kafka sends are retried (delivery.timeout.ms) before the engine stops with an error."),
    REGISTRY_RETRY_TIMEOUT("tributary.cdc.registry.retry.timeout", "2m",
            "How long an unreachable schema registry is retried (with backoff) before the engine stops."),
    PG_RETRY_TIMEOUT("tributary.cdc.pg.retry.timeout", "2m",
            "How long an unreachable PostgreSQL is retried (at start and while streaming) before the engine stops."),
    METRICS_BIND("tributary.cdc.metrics.bind", "127.0.0.1", "Address of the Prometheus /metrics endpoint (0.0.0.0 in a container)."),
    METRICS_PORT("tributary.cdc.metrics.port", "18082", "Port of the Prometheus /metrics endpoint; 0 picks a free port, -1 disables.",
            false, "TRIBUTARY_METRICS_PORT");

    private final String key;
    private final String defaultValue;
    private final String description;
    private final boolean secret;
    private final String envAlias;

    CdcSetting(String key, String defaultValue, String description) {
        this(key, defaultValue, description, false);
    }

    CdcSetting(String key, String defaultValue, String description, boolean secret) {
        this(key, defaultValue, description, secret, null);
    }

    CdcSetting(String key, String defaultValue, String description, boolean secret, String envAlias) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.secret = secret;
        this.envAlias = envAlias;
    }

    /**
     * A second, generic environment variable read when {@link #envName()} is unset (the container image sets
     * {@code TRIBUTARY_DATA_DIR}), or null.
     */
    public String envAlias() {
        return envAlias;
    }

    public String key() {
        return key;
    }

    public String envName() {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** Default as text, or {@code null} when the setting is required. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public boolean secret() {
        return secret;
    }

    public static CdcSetting byKey(String key) {
        for (CdcSetting s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }
}
