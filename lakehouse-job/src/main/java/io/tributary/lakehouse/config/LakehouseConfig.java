package io.tributary.lakehouse.config;

import io.tributary.configuration.ConfigException;
import io.tributary.configuration.DurationSyntax;
import io.tributary.configuration.SettingCatalog;
import io.tributary.configuration.SettingSource;
import io.tributary.configuration.SettingValues;
import io.tributary.configuration.ValueType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The typed configuration of the lakehouse job, parsed and validated once at start.
 *
 * <p>Sources, later wins: defaults, a properties file, the environment, {@code --set KEY=VALUE}. Keys are the
 * {@link Setting} names; {@code spark.*} keys pass through to Spark untouched. An unknown
 * {@code TRIBUTARY_LAKEHOUSE_*} key is rejected (it is most likely a typo), with every other problem at once.
 */
public final class LakehouseConfig {

    public enum StartingOffsets { EARLIEST, LATEST }

    /** A Java regular expression (the topic pattern). */
    static final ValueType<Pattern> REGEX = text -> {
        try {
            return Pattern.compile(text.trim());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("is not a valid regex: " + e.getDescription());
        }
    };

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
    private final int sparkUiPort;
    private final Duration maintenanceInterval;
    private final Duration vacuumRetention;
    private final Duration tombstoneRetention;
    private final int commitRetries;
    private final Duration commitBackoff;
    private final String toastPlaceholder;
    private final int tableParallelism;
    private final boolean silverDeletionVectors;
    private final int compactAfterFiles;
    private final Map<String, String> sparkConf;
    private final boolean goldEnabled;
    private final Duration goldWatermark;
    private final String goldQueryName;
    private final Duration goldSessionGap;
    private final Duration goldAbandonedAfter;

    private LakehouseConfig(SettingValues v) {
        kafkaBootstrap = text(v, Setting.KAFKA_BOOTSTRAP);
        schemaRegistryUrl = v.get(Setting.SCHEMA_REGISTRY_URL.definition(), URI.class);
        s3Endpoint = Optional.ofNullable(v.get(Setting.S3_ENDPOINT.definition(), URI.class));
        s3Region = text(v, Setting.S3_REGION);
        s3Bucket = text(v, Setting.S3_BUCKET);
        s3AccessKey = Optional.ofNullable(text(v, Setting.S3_ACCESS_KEY));
        s3SecretKey = Optional.ofNullable(text(v, Setting.S3_SECRET_KEY));
        topicPrefix = text(v, Setting.TOPIC_PREFIX);
        sourceSchema = text(v, Setting.SOURCE_SCHEMA);
        Pattern pattern = v.get(Setting.TOPIC_PATTERN.definition(), Pattern.class);
        topicPattern = pattern != null ? pattern : Pattern.compile(Pattern.quote(topicPrefix + "." + sourceSchema + ".") + "[^.]+");
        String root = text(v, Setting.LAKE_ROOT);
        lakeRoot = stripTrailingSlash(root != null ? root : "s3a://" + s3Bucket);
        queryName = text(v, Setting.QUERY_NAME);
        String checkpoint = text(v, Setting.CHECKPOINT_LOCATION);
        checkpointLocation = stripTrailingSlash(checkpoint != null ? checkpoint : lakeRoot + "/_checkpoints/" + queryName);
        triggerInterval = duration(v, Setting.TRIGGER_INTERVAL);
        maxOffsetsPerTrigger = v.get(Setting.MAX_OFFSETS_PER_TRIGGER.definition(), Long.class);
        startingOffsets = v.get(Setting.STARTING_OFFSETS.definition(), StartingOffsets.class);
        sparkMaster = text(v, Setting.SPARK_MASTER);
        dataDir = Path.of(text(v, Setting.DATA_DIR)).toAbsolutePath();
        metricsHost = text(v, Setting.METRICS_HOST);
        metricsPort = v.get(Setting.METRICS_PORT.definition(), Integer.class);
        sparkUiPort = v.get(Setting.SPARK_UI_PORT.definition(), Integer.class);
        maintenanceInterval = duration(v, Setting.MAINTENANCE_INTERVAL);
        vacuumRetention = duration(v, Setting.VACUUM_RETENTION);
        tombstoneRetention = duration(v, Setting.TOMBSTONE_RETENTION);
        commitRetries = v.get(Setting.COMMIT_RETRIES.definition(), Integer.class);
        commitBackoff = duration(v, Setting.COMMIT_BACKOFF);
        toastPlaceholder = text(v, Setting.TOAST_PLACEHOLDER);
        tableParallelism = v.get(Setting.TABLE_PARALLELISM.definition(), Integer.class);
        silverDeletionVectors = v.get(Setting.SILVER_DELETION_VECTORS.definition(), Boolean.class);
        compactAfterFiles = v.get(Setting.COMPACT_AFTER_FILES.definition(), Integer.class);
        sparkConf = Map.copyOf(v.passThrough("spark."));
        goldEnabled = v.get(Setting.GOLD_ENABLED.definition(), Boolean.class);
        goldWatermark = duration(v, Setting.GOLD_WATERMARK);
        goldQueryName = text(v, Setting.GOLD_QUERY_NAME);
        goldSessionGap = duration(v, Setting.GOLD_SESSION_GAP);
        goldAbandonedAfter = duration(v, Setting.GOLD_ABANDONED_AFTER);
    }

    /**
     * Builds the configuration from the given sources (each may be empty); later sources win. A
     * {@link ConfigException} lists every problem found.
     */
    public static LakehouseConfig load(Map<String, String> propertiesFile, Map<String, String> environment,
                                       Map<String, String> overrides) {
        SettingValues values = Setting.CATALOG.parse(List.of(SettingSource.keys("--set", overrides),
                SettingSource.environment(environment), SettingSource.keys("properties file", propertiesFile)));
        if (values.find(Setting.S3_ACCESS_KEY.definition()).isPresent()
                != values.find(Setting.S3_SECRET_KEY.definition()).isPresent()) {
            values.problem("set both " + Setting.S3_ACCESS_KEY.key() + " and " + Setting.S3_SECRET_KEY.key()
                    + " (or their _FILE variants), or neither to use the AWS default credential chain");
        }
        values.throwIfInvalid();
        return new LakehouseConfig(values);
    }

    /** Reads a properties file into a map, naming the file when it cannot be read. */
    public static Map<String, String> readPropertiesFile(Path file) {
        return SettingCatalog.readPropertiesFile(file, "--config");
    }

    private static String text(SettingValues v, Setting s) {
        return v.get(s.definition(), String.class);
    }

    private static Duration duration(SettingValues v, Setting s) {
        return v.get(s.definition(), Duration.class);
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
    /** Spark's UI port for the streaming job: 0 any free port, -1 off. */
    public int sparkUiPort() { return sparkUiPort; }
    public Duration maintenanceInterval() { return maintenanceInterval; }
    public Duration vacuumRetention() { return vacuumRetention; }
    public Duration tombstoneRetention() { return tombstoneRetention; }
    public int commitRetries() { return commitRetries; }
    public Duration commitBackoff() { return commitBackoff; }
    public String toastPlaceholder() { return toastPlaceholder; }
    public int tableParallelism() { return tableParallelism; }
    /** Whether silver tables keep deletion vectors (TRIBUTARY_LAKEHOUSE_SILVER_DELETION_VECTORS). */
    public boolean silverDeletionVectors() { return silverDeletionVectors; }
    /** Live files a streamed table gains before the job compacts it (TRIBUTARY_LAKEHOUSE_COMPACT_AFTER_FILES; 0: never). */
    public int compactAfterFiles() { return compactAfterFiles; }
    /** {@code spark.*} keys given in the properties file or with --set, passed to Spark as they are. */
    public Map<String, String> sparkConf() { return sparkConf; }

    /** Whether the gold query runs beside the lake's (docs/gold.md). */
    public boolean goldEnabled() { return goldEnabled; }
    public Duration goldWatermark() { return goldWatermark; }
    public String goldQueryName() { return goldQueryName; }
    /** Gap between a customer's orders that ends a session (gold.customer_sessions). */
    public Duration goldSessionGap() { return goldSessionGap; }
    /** How long after ordered_at an order still placed is abandoned (judged by the gold watermark). */
    public Duration goldAbandonedAfter() { return goldAbandonedAfter; }
    /** The gold query's checkpoint; its window state is kept under it too. */
    public String goldCheckpointLocation() { return lakeRoot + "/_checkpoints/" + goldQueryName; }

    /** The configuration without secrets, one key per line, for the startup log. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("kafka=").append(kafkaBootstrap).append(", registry=").append(schemaRegistryUrl)
                .append(", topics=/").append(topicPattern).append("/, lake=").append(lakeRoot)
                .append(", checkpoint=").append(checkpointLocation).append(", s3Endpoint=")
                .append(s3Endpoint.map(URI::toString).orElse("(aws default)")).append(", s3Credentials=")
                .append(s3AccessKey.isPresent() ? "static (redacted)" : "default chain").append(", trigger=")
                .append(DurationSyntax.format(triggerInterval)).append(", maxOffsetsPerTrigger=").append(maxOffsetsPerTrigger)
                .append(", master=").append(sparkMaster).append(", dataDir=").append(dataDir)
                .append(", maintenance=").append(DurationSyntax.format(maintenanceInterval))
                .append(", silverDeletionVectors=").append(silverDeletionVectors)
                .append(", compactAfterFiles=").append(compactAfterFiles)
                .append(", metricsPort=").append(metricsPort).append(", gold=")
                .append(goldEnabled ? "on (watermark " + DurationSyntax.format(goldWatermark) + "), goldSessionGap="
                        + DurationSyntax.format(goldSessionGap) + ", goldAbandonedAfter="
                        + DurationSyntax.format(goldAbandonedAfter) : "off");
        return sb.toString();
    }
}
