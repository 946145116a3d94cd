package io.tributary.lakehouse.config;

/**
 * Every setting of the lakehouse job: its key (an environment variable name, also usable in a properties file
 * or as {@code --set KEY=VALUE}), its default and what it means. The docs and {@code --help} list these.
 */
public enum Setting {
    KAFKA_BOOTSTRAP("TRIBUTARY_KAFKA_BOOTSTRAP", "127.0.0.1:19092", "Kafka bootstrap servers."),
    SCHEMA_REGISTRY_URL("TRIBUTARY_SCHEMA_REGISTRY_URL", "http://127.0.0.1:18081", "Schema registry URL."),
    S3_ENDPOINT("TRIBUTARY_S3_ENDPOINT", "http://127.0.0.1:19000",
            "S3 endpoint for s3a (empty: the AWS default endpoint of the region)."),
    S3_REGION("TRIBUTARY_S3_REGION", "us-east-1", "S3 region."),
    S3_BUCKET("TRIBUTARY_S3_BUCKET", "lakehouse", "Bucket holding bronze/, silver/, quarantine and _checkpoints/."),
    S3_ACCESS_KEY("TRIBUTARY_S3_ACCESS_KEY", "",
            "S3 access key (or TRIBUTARY_S3_ACCESS_KEY_FILE); empty: the AWS default credential chain.", true),
    S3_SECRET_KEY("TRIBUTARY_S3_SECRET_KEY", "", "S3 secret key (or TRIBUTARY_S3_SECRET_KEY_FILE).", true),
    TOPIC_PREFIX("TRIBUTARY_TOPIC_PREFIX", "tributary", "Debezium topic prefix: topics are <prefix>.<schema>.<table>."),
    SOURCE_SCHEMA("TRIBUTARY_LAKEHOUSE_SOURCE_SCHEMA", "shop", "Postgres schema whose tables are mirrored."),
    TOPIC_PATTERN("TRIBUTARY_LAKEHOUSE_TOPIC_PATTERN", "",
            "Regex of the topics to read (empty: <prefix>\\.<schema>\\.[^.]+). New matching topics are picked up"
                    + " without a restart."),
    LAKE_ROOT("TRIBUTARY_LAKEHOUSE_LAKE_ROOT", "",
            "Root URI of the lake (empty: s3a://<bucket>). A file: URI works for local experiments."),
    CHECKPOINT_LOCATION("TRIBUTARY_LAKEHOUSE_CHECKPOINT_LOCATION", "",
            "Streaming checkpoint (empty: <lake root>/_checkpoints/<query name>). Keep it next to the tables."),
    QUERY_NAME("TRIBUTARY_LAKEHOUSE_QUERY_NAME", "lakehouse-job", "Name of the streaming query."),
    TRIGGER_INTERVAL("TRIBUTARY_LAKEHOUSE_TRIGGER_INTERVAL", "0s",
            "Micro-batch trigger interval (0s: the next batch starts as soon as the previous one ends while records"
                    + " wait; an idle job looks for new records every 250 ms)."),
    MAX_OFFSETS_PER_TRIGGER("TRIBUTARY_LAKEHOUSE_MAX_OFFSETS_PER_TRIGGER", "100000",
            "Upper bound of Kafka records per micro-batch (bounds memory and batch time)."),
    STARTING_OFFSETS("TRIBUTARY_LAKEHOUSE_STARTING_OFFSETS", "earliest",
            "Where a query without checkpoint starts: earliest or latest."),
    SPARK_MASTER("TRIBUTARY_LAKEHOUSE_SPARK_MASTER", "local[2]",
            "Spark master when not launched by spark-submit (spark-submit's --master wins)."),
    DATA_DIR("TRIBUTARY_LAKEHOUSE_DATA_DIR", "data/lakehouse-job",
            "Local scratch directory (spark.local.dir, s3a upload buffer, Derby/warehouse)."),
    METRICS_HOST("TRIBUTARY_LAKEHOUSE_METRICS_HOST", "127.0.0.1", "Bind address of the /metrics endpoint."),
    METRICS_PORT("TRIBUTARY_LAKEHOUSE_METRICS_PORT", "18083",
            "Port of the Prometheus /metrics endpoint (0: any free port, -1: off)."),
    MAINTENANCE_INTERVAL("TRIBUTARY_LAKEHOUSE_MAINTENANCE_INTERVAL", "1h",
            "How often the running job compacts (OPTIMIZE), purges old tombstones and VACUUMs (0s: never)."),
    VACUUM_RETENTION("TRIBUTARY_LAKEHOUSE_VACUUM_RETENTION", "168h",
            "VACUUM keeps files needed by versions younger than this (bounds time travel)."),
    TOMBSTONE_RETENTION("TRIBUTARY_LAKEHOUSE_TOMBSTONE_RETENTION", "8d",
            "Purge horizon: silver tombstones older than this are removed by maintenance (0s: keep forever). Keep it"
                    + " longer than the CDC topics' Kafka retention (7d, plus a segment) so that no replay reaches"
                    + " past it; a resume of parked records older than it is refused."),
    COMMIT_RETRIES("TRIBUTARY_LAKEHOUSE_COMMIT_RETRIES", "5",
            "Retries of a Delta commit that lost a conflict (e.g. to a concurrent OPTIMIZE)."),
    COMMIT_BACKOFF("TRIBUTARY_LAKEHOUSE_COMMIT_BACKOFF", "500ms", "First backoff between commit retries (doubles)."),
    TOAST_PLACEHOLDER("TRIBUTARY_LAKEHOUSE_TOAST_PLACEHOLDER", "__debezium_unavailable_value",
            "Debezium's unavailable.value.placeholder: the stored value is kept where a column carries it."),
    TABLE_PARALLELISM("TRIBUTARY_LAKEHOUSE_TABLE_PARALLELISM", "4",
            "How many tables of one micro-batch are written concurrently.");

    private final String key;
    private final String defaultValue;
    private final String description;
    private final boolean secret;

    Setting(String key, String defaultValue, String description) {
        this(key, defaultValue, description, false);
    }

    Setting(String key, String defaultValue, String description, boolean secret) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.secret = secret;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public boolean secret() {
        return secret;
    }

    public static java.util.Optional<Setting> byKey(String key) {
        for (Setting s : values()) {
            if (s.key.equals(key)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
