package io.tributary.cdc.config;

import io.tributary.configuration.ConfigException;
import io.tributary.configuration.SettingCatalog;
import io.tributary.configuration.SettingSource;
import io.tributary.configuration.SettingValues;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cdc-engine configuration, parsed once and validated at start.
 *
 * <p>Sources, highest precedence first: command-line overrides ({@code -Dkey=value}), environment
 * ({@code TRIBUTARY_*}, secrets also {@code *_FILE}), the properties file ({@code --config}), defaults.
 * Keys starting with {@code debezium.} go to the Debezium engine, {@code kafka.} to the Kafka producer and
 * admin client (prefix removed); any other unknown key, and any unknown {@code TRIBUTARY_CDC_*} variable, is rejected.
 * Every problem is reported at once (see {@link io.tributary.configuration.ConfigException}).
 */
public record CdcConfig(
        String pgHost,
        int pgPort,
        String pgDatabase,
        String cdcUser,
        Secret cdcPassword,
        String kafkaBootstrap,
        URI schemaRegistryUrl,
        String topicPrefix,
        String slot,
        String publication,
        List<String> schemas,
        SnapshotMode snapshotMode,
        Path dataDir,
        Path offsetsFile,
        Duration heartbeatInterval,
        Duration walCheckInterval,
        long walWarnBytes,
        boolean tombstones,
        int topicPartitions,
        short topicReplicationFactor,
        Duration sendTimeout,
        Duration registryRetryTimeout,
        Duration pgRetryTimeout,
        Duration pgSocketTimeout,
        String metricsBind,
        int metricsPort,
        Map<String, String> debeziumOverrides,
        Map<String, String> kafkaOverrides) {

    public static final String DEBEZIUM_PREFIX = "debezium.";
    public static final String KAFKA_PREFIX = "kafka.";

    /** Engine keys the engine sets itself: overriding them via debezium.* would break the contract. */
    private static final Map<String, String> MANAGED_DEBEZIUM_KEYS = Map.ofEntries(
            Map.entry("connector.class", "the engine always captures PostgreSQL"),
            Map.entry("name", "the engine name is fixed"),
            Map.entry("plugin.name", "pgoutput is the only supported plugin"),
            Map.entry("database.hostname", "use " + CdcSetting.PG_HOST.key()),
            Map.entry("database.port", "use " + CdcSetting.PG_PORT.key()),
            Map.entry("database.dbname", "use " + CdcSetting.PG_DATABASE.key()),
            Map.entry("database.user", "use " + CdcSetting.CDC_USER.key()),
            Map.entry("database.password", "use " + CdcSetting.CDC_PASSWORD.envName() + "_FILE"),
            Map.entry("slot.name", "use " + CdcSetting.SLOT.key()),
            Map.entry("publication.name", "use " + CdcSetting.PUBLICATION.key()),
            Map.entry("topic.prefix", "use " + CdcSetting.TOPIC_PREFIX.key()),
            Map.entry("snapshot.mode", "use " + CdcSetting.SNAPSHOT_MODE.key()),
            Map.entry("offset.storage", "offsets are stored in " + CdcSetting.OFFSETS_FILE.key()),
            Map.entry("offset.storage.file.filename", "use " + CdcSetting.OFFSETS_FILE.key()),
            Map.entry("heartbeat.interval.ms", "use " + CdcSetting.HEARTBEAT_INTERVAL.key()),
            Map.entry("tombstones.on.delete", "use " + CdcSetting.TOMBSTONES.key()),
            Map.entry("slot.drop.on.stop", "the slot must survive restarts so that no change is lost"),
            Map.entry("errors.max.retries", "PostgreSQL outages are bounded by time: use " + CdcSetting.PG_RETRY_TIMEOUT.key()));

    private static final Set<String> MANAGED_KAFKA_KEYS = Set.of(
            "bootstrap.servers", "key.serializer", "value.serializer", "acks", "enable.idempotence");

    /** Loads the configuration from a properties file (may be null), the environment and overrides. */
    public static CdcConfig load(Path propertiesFile, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> fileValues = propertiesFile == null ? Map.of()
                : SettingCatalog.readPropertiesFile(propertiesFile, "--config");
        return resolve(fileValues, env, overrides);
    }

    /** Parses and checks every setting; a {@link ConfigException} lists every problem found. */
    public static CdcConfig resolve(Map<String, String> fileValues, Map<String, String> env, Map<String, String> overrides) {
        SettingValues v = CdcSetting.CATALOG.parse(List.of(SettingSource.keys("-D", overrides),
                SettingSource.environment(env), SettingSource.keys("configuration file", fileValues)));
        Map<String, String> debezium = new TreeMap<>();
        v.passThrough(DEBEZIUM_PREFIX).forEach((key, value) -> {
            String engineKey = key.substring(DEBEZIUM_PREFIX.length());
            String reason = managedReason(engineKey);
            if (reason != null) {
                v.problem("Key '" + key + "' cannot be overridden: " + reason + ".");
            }
            debezium.put(engineKey, value);
        });
        Map<String, String> kafka = new TreeMap<>();
        v.passThrough(KAFKA_PREFIX).forEach((key, value) -> {
            String clientKey = key.substring(KAFKA_PREFIX.length());
            if (MANAGED_KAFKA_KEYS.contains(clientKey)) {
                v.problem("Key '" + key + "' cannot be overridden: the engine sets it"
                        + (clientKey.equals("bootstrap.servers") ? "; use " + CdcSetting.KAFKA_BOOTSTRAP.key() : "")
                        + " (the producer is always idempotent with acks=all).");
            }
            kafka.put(clientKey, value);
        });
        v.throwIfInvalid();
        Path dataDir = Path.of(text(v, CdcSetting.DATA_DIR));
        String offsets = v.get(CdcSetting.OFFSETS_FILE.definition(), String.class);
        return new CdcConfig(
                text(v, CdcSetting.PG_HOST),
                v.get(CdcSetting.PG_PORT.definition(), Integer.class),
                text(v, CdcSetting.PG_DATABASE),
                text(v, CdcSetting.CDC_USER),
                new Secret(text(v, CdcSetting.CDC_PASSWORD)),
                text(v, CdcSetting.KAFKA_BOOTSTRAP),
                v.get(CdcSetting.SCHEMA_REGISTRY_URL.definition(), URI.class),
                text(v, CdcSetting.TOPIC_PREFIX),
                text(v, CdcSetting.SLOT),
                text(v, CdcSetting.PUBLICATION),
                schemas(v),
                v.get(CdcSetting.SNAPSHOT_MODE.definition(), SnapshotMode.class),
                dataDir,
                offsets == null ? dataDir.resolve("offsets.dat") : Path.of(offsets),
                duration(v, CdcSetting.HEARTBEAT_INTERVAL),
                duration(v, CdcSetting.WAL_CHECK_INTERVAL),
                v.get(CdcSetting.WAL_WARN_BYTES.definition(), Long.class),
                v.get(CdcSetting.TOMBSTONES.definition(), Boolean.class),
                v.get(CdcSetting.TOPIC_PARTITIONS.definition(), Integer.class),
                v.get(CdcSetting.TOPIC_REPLICATION.definition(), Integer.class).shortValue(),
                duration(v, CdcSetting.SEND_TIMEOUT),
                duration(v, CdcSetting.REGISTRY_RETRY_TIMEOUT),
                duration(v, CdcSetting.PG_RETRY_TIMEOUT),
                duration(v, CdcSetting.PG_SOCKET_TIMEOUT),
                text(v, CdcSetting.METRICS_BIND),
                v.get(CdcSetting.METRICS_PORT.definition(), Integer.class),
                Map.copyOf(debezium),
                Map.copyOf(kafka));
    }

    /** JDBC URL for side queries (retained WAL). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + pgDatabase;
    }

    /** One line per setting with its effective value, secrets redacted: logged at start. */
    public String describe() {
        return "pg=" + pgHost + ":" + pgPort + "/" + pgDatabase + " user=" + cdcUser + " password=" + cdcPassword
                + " kafka=" + kafkaBootstrap + " registry=" + schemaRegistryUrl + " prefix=" + topicPrefix
                + " slot=" + slot + " publication=" + publication + " schemas=" + schemas
                + " snapshot=" + snapshotMode.debeziumValue() + " offsets=" + offsetsFile
                + " heartbeat=" + heartbeatInterval + " walWarnBytes=" + walWarnBytes
                + " tombstones=" + tombstones + " sendTimeout=" + sendTimeout + " registryRetryTimeout="
                + registryRetryTimeout + " pgRetryTimeout=" + pgRetryTimeout + " pgSocketTimeout=" + pgSocketTimeout + " metrics=" + metricsBind + ":" + metricsPort
                + " debezium.*=" + debeziumOverrides.keySet() + " kafka.*=" + kafkaOverrides.keySet();
    }

    private static String managedReason(String engineKey) {
        if (engineKey.startsWith("offset.storage")) {
            return MANAGED_DEBEZIUM_KEYS.get("offset.storage");
        }
        return MANAGED_DEBEZIUM_KEYS.get(engineKey);
    }

    private static String text(SettingValues v, CdcSetting s) {
        return v.get(s.definition(), String.class);
    }

    private static Duration duration(SettingValues v, CdcSetting s) {
        return v.get(s.definition(), Duration.class);
    }

    @SuppressWarnings("unchecked")
    private static List<String> schemas(SettingValues v) {
        return List.copyOf(v.get(CdcSetting.SCHEMAS.definition(), List.class));
    }

    /** A secret that never prints itself. */
    public record Secret(String value) {
        @Override
        public String toString() {
            return "<redacted>";
        }
    }
}
