package io.tributary.lakehouse.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The typed configuration of the lakehouse job, parsed and validated once at start.
 *
 * <p>Sources, later wins: defaults, a properties file, the environment, {@code --set KEY=VALUE}. Keys are the
 * {@link Setting} names; {@code spark.*} keys pass through to Spark untouched. An unknown
 * {@code TRIBUTARY_LAKEHOUSE_*} key is rejected (it is most likely a typo).
 */
public final class LakehouseConfig {

    private static final String OWN_PREFIX = "TRIBUTARY_LAKEHOUSE_";

    public enum StartingOffsets { EARLIEST, LATEST }

    private final String kafkaBootstrap;
    private final URI schemaRegistryUrl;
    private final Optional<URI> s3Endpoint;
    private final String s3Region;
    private final String s3Bucket;
    private final Optional<String> s3AccessKey;
    private final Optional<String> s3SecretKey;
    private final String topicPrefix;
    private final String sourceSchema;
    private final Pattern topicPattern;
    private final String lakeRoot;
    private final String checkpointLocation;
    private final String queryName;
    private final Duration triggerInterval;
    private final long maxOffsetsPerTrigger;
    private final StartingOffsets startingOffsets;
    private final String sparkMaster;
    private final Path dataDir;
    private final String metricsHost;
    private final int metricsPort;
    private final Duration maintenanceInterval;
    private final Duration vacuumRetention;
    private final Duration tombstoneRetention;
    private final int commitRetries;
    private final Duration commitBackoff;
    private final String toastPlaceholder;
    private final int tableParallelism;
    private final Map<String, String> sparkConf;

    private LakehouseConfig(Values v) {
        kafkaBootstrap = v.required(Setting.KAFKA_BOOTSTRAP);
        schemaRegistryUrl = v.uri(Setting.SCHEMA_REGISTRY_URL);
        s3Endpoint = v.optional(Setting.S3_ENDPOINT).map(s -> v.uri(Setting.S3_ENDPOINT));
        s3Region = v.required(Setting.S3_REGION);
        s3Bucket = v.required(Setting.S3_BUCKET);
        s3AccessKey = v.secret(Setting.S3_ACCESS_KEY);
        s3SecretKey = v.secret(Setting.S3_SECRET_KEY);
        if (s3AccessKey.isPresent() != s3SecretKey.isPresent()) {
            throw new ConfigException("set both " + Setting.S3_ACCESS_KEY.key() + " and " + Setting.S3_SECRET_KEY.key()
                    + " (or their _FILE variants), or neither to use the AWS default credential chain");
        }
        topicPrefix = v.required(Setting.TOPIC_PREFIX);
        sourceSchema = v.required(Setting.SOURCE_SCHEMA);
        String pattern = v.optional(Setting.TOPIC_PATTERN)
                .orElse(Pattern.quote(topicPrefix + "." + sourceSchema + ".") + "[^.]+");
        try {
            topicPattern = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(Setting.TOPIC_PATTERN.key() + "='" + pattern + "' is not a valid regex: "
                    + e.getDescription());
        }
        lakeRoot = stripTrailingSlash(v.optional(Setting.LAKE_ROOT).orElse("s3a://" + s3Bucket));
        queryName = v.required(Setting.QUERY_NAME);
        checkpointLocation = stripTrailingSlash(v.optional(Setting.CHECKPOINT_LOCATION)
                .orElse(lakeRoot + "/_checkpoints/" + queryName));
        triggerInterval = v.duration(Setting.TRIGGER_INTERVAL, Duration.ZERO);
        maxOffsetsPerTrigger = v.longValue(Setting.MAX_OFFSETS_PER_TRIGGER, 1);
        startingOffsets = v.enumValue(Setting.STARTING_OFFSETS, StartingOffsets.class);
        sparkMaster = v.required(Setting.SPARK_MASTER);
        dataDir = Path.of(v.required(Setting.DATA_DIR)).toAbsolutePath();
        metricsHost = v.required(Setting.METRICS_HOST);
        metricsPort = (int) v.longValue(Setting.METRICS_PORT, -1);
        if (metricsPort > 65535) {
            throw new ConfigException(Setting.METRICS_PORT.key() + "=" + metricsPort + " is not a port (-1..65535)");
        }
        maintenanceInterval = v.duration(Setting.MAINTENANCE_INTERVAL, Duration.ZERO);
        vacuumRetention = v.duration(Setting.VACUUM_RETENTION, Duration.ZERO);
        tombstoneRetention = v.duration(Setting.TOMBSTONE_RETENTION, Duration.ZERO);
        commitRetries = (int) v.longValue(Setting.COMMIT_RETRIES, 0);
        commitBackoff = v.duration(Setting.COMMIT_BACKOFF, Duration.ZERO);
        toastPlaceholder = v.required(Setting.TOAST_PLACEHOLDER);
        tableParallelism = (int) v.longValue(Setting.TABLE_PARALLELISM, 1);
        sparkConf = Map.copyOf(v.sparkConf);
    }

    /** Builds the configuration from the given sources (each may be empty); later sources win. */
    public static LakehouseConfig load(Map<String, String> propertiesFile, Map<String, String> environment,
                                       Map<String, String> overrides) {
        Values values = new Values();
        values.add(propertiesFile, "properties file", true);
        values.add(environment, "environment", false);
        values.add(overrides, "--set", true);
        return new LakehouseConfig(values);
    }

    /** Reads a properties file into a map, naming the file when it cannot be read. */
    public static Map<String, String> readPropertiesFile(Path file) {
        java.util.Properties p = new java.util.Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
        return map;
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public String kafkaBootstrap() { return kafkaBootstrap; }
    public URI schemaRegistryUrl() { return schemaRegistryUrl; }
    public Optional<URI> s3Endpoint() { return s3Endpoint; }
    public String s3Region() { return s3Region; }
    public String s3Bucket() { return s3Bucket; }
    public Optional<String> s3AccessKey() { return s3AccessKey; }
    public Optional<String> s3SecretKey() { return s3SecretKey; }
    public String topicPrefix() { return topicPrefix; }
    public String sourceSchema() { return sourceSchema; }
    public Pattern topicPattern() { return topicPattern; }
    public String lakeRoot() { return lakeRoot; }
    public String checkpointLocation() { return checkpointLocation; }
    public String queryName() { return queryName; }
    public Duration triggerInterval() { return triggerInterval; }
    public long maxOffsetsPerTrigger() { return maxOffsetsPerTrigger; }
    public StartingOffsets startingOffsets() { return startingOffsets; }
    public String sparkMaster() { return sparkMaster; }
    public Path dataDir() { return dataDir; }
    public String metricsHost() { return metricsHost; }
    public int metricsPort() { return metricsPort; }
    public Duration maintenanceInterval() { return maintenanceInterval; }
    public Duration vacuumRetention() { return vacuumRetention; }
    public Duration tombstoneRetention() { return tombstoneRetention; }
    public int commitRetries() { return commitRetries; }
    public Duration commitBackoff() { return commitBackoff; }
    public String toastPlaceholder() { return toastPlaceholder; }
    public int tableParallelism() { return tableParallelism; }
    /** {@code spark.*} keys given in the properties file or with --set, passed to Spark as they are. */
    public Map<String, String> sparkConf() { return sparkConf; }

    /** The configuration without secrets, one key per line, for the startup log. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("kafka=").append(kafkaBootstrap).append(", registry=").append(schemaRegistryUrl)
                .append(", topics=/").append(topicPattern).append("/, lake=").append(lakeRoot)
                .append(", checkpoint=").append(checkpointLocation).append(", s3Endpoint=")
                .append(s3Endpoint.map(URI::toString).orElse("(aws default)")).append(", s3Credentials=")
                .append(s3AccessKey.isPresent() ? "static (redacted)" : "default chain").append(", trigger=")
                .append(Durations.format(triggerInterval)).append(", maxOffsetsPerTrigger=").append(maxOffsetsPerTrigger)
                .append(", master=").append(sparkMaster).append(", dataDir=").append(dataDir)
                .append(", maintenance=").append(Durations.format(maintenanceInterval))
                .append(", metricsPort=").append(metricsPort);
        return sb.toString();
    }

    /** Raw values with their origin, so that an error can say where a bad value came from. */
    private static final class Values {
        private final Map<String, String> raw = new TreeMap<>();
        private final Map<String, String> origin = new TreeMap<>();
        private final Map<String, String> sparkConf = new TreeMap<>();

        void add(Map<String, String> source, String name, boolean strict) {
            for (Map.Entry<String, String> e : source.entrySet()) {
                String key = e.getKey();
                if (key.startsWith("spark.")) {
                    sparkConf.put(key, e.getValue());
                    continue;
                }
                String base = key.endsWith("_FILE") ? key.substring(0, key.length() - "_FILE".length()) : key;
                Optional<Setting> setting = Setting.byKey(base);
                if (setting.isEmpty()) {
                    if (strict || key.startsWith(OWN_PREFIX)) {
                        throw new ConfigException("unknown setting " + key + " (from " + name + "); known settings: "
                                + java.util.Arrays.stream(Setting.values()).map(Setting::key).toList()
                                + " and spark.* keys");
                    }
                    continue;
                }
                if (key.endsWith("_FILE")) {
                    if (!setting.get().secret()) {
                        throw new ConfigException(key + " (from " + name + "): only secrets have a _FILE variant");
                    }
                    raw.put(base, readSecretFile(key, e.getValue()));
                } else {
                    raw.put(base, e.getValue());
                }
                origin.put(base, name);
            }
        }

        private static String readSecretFile(String key, String file) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigException(key + " points to " + file + ", which cannot be read: " + e.getMessage()
                        + " (create the file or unset the variable)", e);
            }
        }

        private String where(Setting s) {
            return s.key() + " (from " + origin.getOrDefault(s.key(), "default") + ")";
        }

        Optional<String> optional(Setting s) {
            String value = raw.getOrDefault(s.key(), s.defaultValue());
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        Optional<String> secret(Setting s) {
            String value = raw.get(s.key());
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
        }

        String required(Setting s) {
            return optional(s).orElseThrow(() -> new ConfigException(where(s) + " must not be empty: " + s.description()));
        }

        URI uri(Setting s) {
            String value = required(s);
            try {
                URI uri = new URI(value);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new URISyntaxException(value, "needs a scheme and a host, e.g. http://127.0.0.1:18081");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new ConfigException(where(s) + "='" + value + "' is not a URL: " + e.getReason());
            }
        }

        Duration duration(Setting s, Duration min) {
            String value = required(s);
            Duration d;
            try {
                d = Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where(s) + ": " + e.getMessage());
            }
            if (d.compareTo(min) < 0) {
                throw new ConfigException(where(s) + "='" + value + "' must be at least " + Durations.format(min));
            }
            return d;
        }

        long longValue(Setting s, long min) {
            String value = required(s);
            long n;
            try {
                n = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new ConfigException(where(s) + "='" + value + "' is not a whole number");
            }
            if (n < min) {
                throw new ConfigException(where(s) + "=" + n + " must be at least " + min);
            }
            return n;
        }

        <E extends Enum<E>> E enumValue(Setting s, Class<E> type) {
            String value = required(s);
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where(s) + "='" + value + "' must be one of "
                        + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                        .toList());
            }
        }
    }
}
