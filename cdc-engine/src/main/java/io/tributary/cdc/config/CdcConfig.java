package io.tributary.cdc.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The cdc-engine configuration, parsed once and validated at start.
 *
 * <p>Sources, highest precedence first: command-line overrides ({@code -Dkey=value}), environment
 * ({@code TRIBUTARY_*}, secrets also {@code *_FILE}), the properties file ({@code --config}), defaults.
 * Keys starting with {@code debezium.} go to the Debezium engine, {@code kafka.} to the Kafka producer and
 * admin client (prefix removed); any other unknown key is rejected.
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
        String metricsBind,
        int metricsPort,
        Map<String, String> debeziumOverrides,
        Map<String, String> kafkaOverrides) {

    public static final String DEBEZIUM_PREFIX = "debezium.";
    public static final String KAFKA_PREFIX = "kafka.";

    private static final Pattern TOPIC_CHARS = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

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
        Map<String, String> fileValues = propertiesFile == null ? Map.of() : readProperties(propertiesFile);
        return resolve(fileValues, env, overrides);
    }

    public static CdcConfig resolve(Map<String, String> fileValues, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> explicit = new TreeMap<>(fileValues);
        explicit.putAll(overrides);
        Map<String, String> debezium = new TreeMap<>();
        Map<String, String> kafka = new TreeMap<>();
        for (Map.Entry<String, String> e : explicit.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(DEBEZIUM_PREFIX)) {
                String engineKey = key.substring(DEBEZIUM_PREFIX.length());
                String reason = managedReason(engineKey);
                if (reason != null) {
                    throw new ConfigException("Key '" + key + "' cannot be overridden: " + reason + ".");
                }
                debezium.put(engineKey, e.getValue());
            } else if (key.startsWith(KAFKA_PREFIX)) {
                String clientKey = key.substring(KAFKA_PREFIX.length());
                if (MANAGED_KAFKA_KEYS.contains(clientKey)) {
                    throw new ConfigException("Key '" + key + "' cannot be overridden: the engine sets it"
                            + (clientKey.equals("bootstrap.servers") ? "; use " + CdcSetting.KAFKA_BOOTSTRAP.key() : "")
                            + " (the producer is always idempotent with acks=all).");
                }
                kafka.put(clientKey, e.getValue());
            } else if (CdcSetting.byKey(key) == null && !isSecretFileKey(key)) {
                throw new ConfigException("Unknown key '" + key + "'. Known keys start with tributary. (see --help), "
                        + "or debezium. (engine pass-through) or kafka. (producer pass-through).");
            }
        }
        Values v = new Values(overrides, env, fileValues);
        Path dataDir = v.get(CdcSetting.DATA_DIR, Path::of);
        String offsets = v.raw(CdcSetting.OFFSETS_FILE);
        return new CdcConfig(
                v.get(CdcSetting.PG_HOST, CdcConfig::nonBlank),
                v.get(CdcSetting.PG_PORT, t -> port(t, false)),
                v.get(CdcSetting.PG_DATABASE, CdcConfig::nonBlank),
                v.get(CdcSetting.CDC_USER, CdcConfig::nonBlank),
                new Secret(v.get(CdcSetting.CDC_PASSWORD, CdcConfig::nonBlank)),
                v.get(CdcSetting.KAFKA_BOOTSTRAP, CdcConfig::bootstrap),
                v.get(CdcSetting.SCHEMA_REGISTRY_URL, CdcConfig::httpUri),
                v.get(CdcSetting.TOPIC_PREFIX, CdcConfig::topicPrefix),
                v.get(CdcSetting.SLOT, CdcConfig::identifier),
                v.get(CdcSetting.PUBLICATION, CdcConfig::identifier),
                v.get(CdcSetting.SCHEMAS, CdcConfig::schemaList),
                v.get(CdcSetting.SNAPSHOT_MODE, t -> SnapshotMode.valueOf(t.trim().toUpperCase(Locale.ROOT))),
                dataDir,
                offsets.isBlank() ? dataDir.resolve("offsets.dat") : Path.of(offsets),
                v.get(CdcSetting.HEARTBEAT_INTERVAL, t -> nonNegative(DurationParser.parse(t))),
                v.get(CdcSetting.WAL_CHECK_INTERVAL, t -> positive(DurationParser.parse(t))),
                v.get(CdcSetting.WAL_WARN_BYTES, ByteSizeParser::parse),
                v.get(CdcSetting.TOMBSTONES, CdcConfig::bool),
                v.get(CdcSetting.TOPIC_PARTITIONS, t -> range(t, 1, 10_000)),
                v.get(CdcSetting.TOPIC_REPLICATION, t -> (short) range(t, 1, 32)),
                v.get(CdcSetting.SEND_TIMEOUT, t -> positive(DurationParser.parse(t))),
                v.get(CdcSetting.REGISTRY_RETRY_TIMEOUT, t -> positive(DurationParser.parse(t))),
                v.get(CdcSetting.PG_RETRY_TIMEOUT, t -> positive(DurationParser.parse(t))),
                v.get(CdcSetting.METRICS_BIND, CdcConfig::nonBlank),
                v.get(CdcSetting.METRICS_PORT, t -> range(t, -1, 65_535)),
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
                + registryRetryTimeout + " pgRetryTimeout=" + pgRetryTimeout + " metrics=" + metricsBind + ":" + metricsPort
                + " debezium.*=" + debeziumOverrides.keySet() + " kafka.*=" + kafkaOverrides.keySet();
    }

    private static String managedReason(String engineKey) {
        if (engineKey.startsWith("offset.storage")) {
            return MANAGED_DEBEZIUM_KEYS.get("offset.storage");
        }
        return MANAGED_DEBEZIUM_KEYS.get(engineKey);
    }

    private static boolean isSecretFileKey(String key) {
        if (!key.endsWith(".file")) {
            return false;
        }
        CdcSetting s = CdcSetting.byKey(key.substring(0, key.length() - ".file".length()));
        return s != null && s.secret();
    }

    private static Map<String, String> readProperties(Path file) {
        Properties p = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read the configuration file " + file.toAbsolutePath() + ": " + e.getMessage()
                    + ". Check the path given to --config.", e);
        }
        Map<String, String> values = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            values.put(name.trim(), p.getProperty(name).trim());
        }
        return values;
    }

    /** Looks each setting up in the precedence order and names the source in errors. */
    private static final class Values {
        private final Map<String, String> overrides;
        private final Map<String, String> env;
        private final Map<String, String> file;

        Values(Map<String, String> overrides, Map<String, String> env, Map<String, String> file) {
            this.overrides = overrides;
            this.env = env;
            this.file = file;
        }

        String raw(CdcSetting s) {
            return lookup(s)[1];
        }

        <T> T get(CdcSetting s, Function<String, T> parser) {
            String[] found = lookup(s);
            if (found[1] == null) {
                throw new ConfigException("Missing required setting " + s.key() + " (environment " + s.envName()
                        + (s.secret() ? " or " + s.envName() + "_FILE" : "") + "): " + s.description());
            }
            try {
                return parser.apply(found[1]);
            } catch (RuntimeException e) {
                String shown = s.secret() ? "<redacted>" : "'" + found[1] + "'";
                throw new ConfigException("Invalid value " + shown + " for " + s.key() + " (from " + found[0] + "): "
                        + e.getMessage() + ". Expected: " + s.description(), e);
            }
        }

        /** Returns {source description, value}: overrides, environment, properties file, default. */
        private String[] lookup(CdcSetting s) {
            String[] found = fromMap(s, overrides, "-D" + s.key());
            if (found == null) {
                if (env.get(s.envName()) != null) {
                    found = new String[] {"environment " + s.envName(), env.get(s.envName())};
                } else if (s.envAlias() != null && env.get(s.envAlias()) != null) {
                    found = new String[] {"environment " + s.envAlias(), env.get(s.envAlias())};
                } else if (s.secret() && env.get(s.envName() + "_FILE") != null) {
                    String path = env.get(s.envName() + "_FILE");
                    found = new String[] {"file " + path, readSecretFile(s.envName() + "_FILE", path)};
                }
            }
            if (found == null) {
                found = fromMap(s, file, "configuration file key " + s.key());
            }
            return found != null ? found : new String[] {"default", s.defaultValue()};
        }

        private static String[] fromMap(CdcSetting s, Map<String, String> map, String source) {
            if (map.containsKey(s.key())) {
                return new String[] {source, map.get(s.key())};
            }
            String fileKey = s.key() + ".file";
            if (s.secret() && map.containsKey(fileKey)) {
                return new String[] {"file " + map.get(fileKey), readSecretFile(fileKey, map.get(fileKey))};
            }
            return null;
        }

        private static String readSecretFile(String source, String path) {
            try {
                return Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigException("Cannot read the secret file " + path + " named by " + source + ": "
                        + e.getClass().getSimpleName() + ". Check that the file exists and is readable.", e);
            }
        }
    }

    private static String nonBlank(String t) {
        if (t.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return t.trim();
    }

    private static int port(String t, boolean allowZero) {
        return range(t, allowZero ? 0 : 1, 65_535);
    }

    private static int range(String t, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(t.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max);
        }
        return value;
    }

    private static boolean bool(String t) {
        return switch (t.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static Duration positive(Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("must be positive");
        }
        return d;
    }

    private static Duration nonNegative(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("must not be negative");
        }
        return d;
    }

    private static String bootstrap(String t) {
        for (String hostPort : nonBlank(t).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("'" + hostPort.trim() + "' is not host:port");
            }
            port(hostPort.substring(colon + 1), false);
        }
        return t.trim();
    }

    private static URI httpUri(String t) {
        try {
            URI uri = new URI(t.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage());
        }
    }

    private static String topicPrefix(String t) {
        String prefix = nonBlank(t);
        if (!TOPIC_CHARS.matcher(prefix).matches()) {
            throw new IllegalArgumentException("only letters, digits, '.', '_' and '-' are valid in Kafka topic names");
        }
        return prefix;
    }

    private static String identifier(String t) {
        String id = nonBlank(t);
        if (!IDENTIFIER.matcher(id).matches()) {
            throw new IllegalArgumentException("must be a lower-case PostgreSQL identifier ([a-z_][a-z0-9_]*)");
        }
        return id;
    }

    private static List<String> schemaList(String t) {
        List<String> list = Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("name at least one schema");
        }
        list.forEach(CdcConfig::identifier);
        return list;
    }

    /** A secret that never prints itself. */
    public record Secret(String value) {
        @Override
        public String toString() {
            return "<redacted>";
        }
    }
}
