package io.tributary.lakehouse.config;

import static io.tributary.configuration.SettingDefinition.define;

import io.tributary.configuration.Check;
import io.tributary.configuration.DefinedSetting;
import io.tributary.configuration.SettingCatalog;
import io.tributary.configuration.SettingDefinition;
import io.tributary.configuration.ValueType;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every setting of the lakehouse job: its key (an environment variable name, also usable in a properties file
 * or as {@code --set KEY=VALUE}), its type, default and what it means. The docs and {@code --help} list these.
 */
public enum Setting implements DefinedSetting {
    KAFKA_BOOTSTRAP(define("TRIBUTARY_KAFKA_BOOTSTRAP", ValueType.text()).defaultValue("127.0.0.1:19092")
            .doc("Kafka bootstrap servers.")),
    SCHEMA_REGISTRY_URL(define("TRIBUTARY_SCHEMA_REGISTRY_URL", ValueType.uri()).defaultValue("http://127.0.0.1:18081")
            .doc("Schema registry URL.")),
    S3_ENDPOINT(define("TRIBUTARY_S3_ENDPOINT", ValueType.uri()).defaultValue("http://127.0.0.1:19000").emptyMeansUnset()
            .doc("S3 endpoint for s3a (empty: the AWS default endpoint of the region).")),
    S3_REGION(define("TRIBUTARY_S3_REGION", ValueType.text()).defaultValue("us-east-1")
            .doc("S3 region.")),
    S3_BUCKET(define("TRIBUTARY_S3_BUCKET", ValueType.text()).defaultValue("lakehouse")
            .doc("Bucket holding bronze/, silver/, quarantine and _checkpoints/.")),
    S3_ACCESS_KEY(define("TRIBUTARY_S3_ACCESS_KEY", ValueType.text()).defaultValue("").secret()
            .doc("S3 access key (or TRIBUTARY_S3_ACCESS_KEY_FILE); empty: the AWS default credential chain.")),
    S3_SECRET_KEY(define("TRIBUTARY_S3_SECRET_KEY", ValueType.text()).defaultValue("").secret()
            .doc("S3 secret key (or TRIBUTARY_S3_SECRET_KEY_FILE).")),
    TOPIC_PREFIX(define("TRIBUTARY_TOPIC_PREFIX", ValueType.text()).defaultValue("tributary")
            .doc("Debezium topic prefix: topics are <prefix>.<schema>.<table>.")),
    SOURCE_SCHEMA(define("TRIBUTARY_LAKEHOUSE_SOURCE_SCHEMA", ValueType.text()).defaultValue("shop")
            .doc("Postgres schema whose tables are mirrored.")),
    TOPIC_PATTERN(define("TRIBUTARY_LAKEHOUSE_TOPIC_PATTERN", LakehouseConfig.REGEX).defaultValue("")
            .doc("Regex of the topics to read (empty: <prefix>\\.<schema>\\.[^.]+). New matching topics are picked up"
                    + " without a restart.")),
    LAKE_ROOT(define("TRIBUTARY_LAKEHOUSE_LAKE_ROOT", ValueType.text()).defaultValue("")
            .doc("Root URI of the lake (empty: s3a://<bucket>). A file: URI works for local experiments.")),
    CHECKPOINT_LOCATION(define("TRIBUTARY_LAKEHOUSE_CHECKPOINT_LOCATION", ValueType.text()).defaultValue("")
            .doc("Streaming checkpoint (empty: <lake root>/_checkpoints/<query name>). Keep it next to the tables.")),
    QUERY_NAME(define("TRIBUTARY_LAKEHOUSE_QUERY_NAME", ValueType.text()).defaultValue("lakehouse-job")
            .doc("Name of the streaming query.")),
    TRIGGER_INTERVAL(define("TRIBUTARY_LAKEHOUSE_TRIGGER_INTERVAL", ValueType.duration()).defaultValue("0s").check(Check.notNegative())
            .doc("Micro-batch trigger interval (0s: the next batch starts as soon as the previous one ends while records"
                    + " wait; an idle job looks for new records every 250 ms).")),
    MAX_OFFSETS_PER_TRIGGER(define("TRIBUTARY_LAKEHOUSE_MAX_OFFSETS_PER_TRIGGER", ValueType.longInteger()).defaultValue("100000").check(Check.atLeast(1))
            .doc("Upper bound of Kafka records per micro-batch (bounds memory and batch time).")),
    STARTING_OFFSETS(define("TRIBUTARY_LAKEHOUSE_STARTING_OFFSETS", ValueType.enumOf(LakehouseConfig.StartingOffsets.class)).defaultValue("earliest")
            .doc("Where a query without checkpoint starts: earliest or latest.")),
    SPARK_MASTER(define("TRIBUTARY_LAKEHOUSE_SPARK_MASTER", ValueType.text()).defaultValue("local[2]")
            .doc("Spark master when not launched by spark-submit (spark-submit's --master wins).")),
    DATA_DIR(define("TRIBUTARY_LAKEHOUSE_DATA_DIR", ValueType.text()).defaultValue("data/lakehouse-job")
            .doc("Local scratch directory (spark.local.dir, s3a upload buffer, Derby/warehouse).")),
    METRICS_HOST(define("TRIBUTARY_LAKEHOUSE_METRICS_HOST", ValueType.text()).defaultValue("127.0.0.1")
            .doc("Bind address of the /metrics endpoint.")),
    METRICS_PORT(define("TRIBUTARY_LAKEHOUSE_METRICS_PORT", ValueType.integer()).defaultValue("18083").check(Check.between(-1, 65_535))
            .doc("Port of the Prometheus /metrics endpoint (0: any free port, -1: off).")),
    SPARK_UI_PORT(define("TRIBUTARY_LAKEHOUSE_SPARK_UI_PORT", ValueType.integer()).defaultValue("4040").check(Check.between(-1, 65_535))
            .doc("Port of Spark's web UI of the streaming job with a local master (0: any free port, -1: off; a port in use:"
                    + " Spark takes the next free one, reported as tributary_lakehouse_spark_ui_port). It binds where"
                    + " SPARK_LOCAL_IP says (the local stack sets 127.0.0.1) and keeps few jobs, stages and queries.")),
    MAINTENANCE_INTERVAL(define("TRIBUTARY_LAKEHOUSE_MAINTENANCE_INTERVAL", ValueType.duration()).defaultValue("1h").check(Check.notNegative())
            .doc("How often the running job compacts (OPTIMIZE), purges old tombstones and VACUUMs (0s: never).")),
    VACUUM_RETENTION(define("TRIBUTARY_LAKEHOUSE_VACUUM_RETENTION", ValueType.duration()).defaultValue("168h").check(Check.notNegative())
            .doc("VACUUM keeps files needed by versions younger than this (bounds time travel).")),
    TOMBSTONE_RETENTION(define("TRIBUTARY_LAKEHOUSE_TOMBSTONE_RETENTION", ValueType.duration()).defaultValue("8d").check(Check.notNegative())
            .doc("Purge horizon: silver tombstones older than this are removed by maintenance (0s: keep forever). Keep it"
                    + " longer than the CDC topics' Kafka retention (7d, plus a segment) so that no replay reaches"
                    + " past it; a resume of parked records older than it is refused.")),
    COMMIT_RETRIES(define("TRIBUTARY_LAKEHOUSE_COMMIT_RETRIES", ValueType.integer()).defaultValue("5").check(Check.atLeast(0))
            .doc("Retries of a Delta commit that lost a conflict (e.g. to a concurrent OPTIMIZE).")),
    COMMIT_BACKOFF(define("TRIBUTARY_LAKEHOUSE_COMMIT_BACKOFF", ValueType.duration()).defaultValue("500ms").check(Check.notNegative())
            .doc("First backoff between commit retries (doubles).")),
    TOAST_PLACEHOLDER(define("TRIBUTARY_LAKEHOUSE_TOAST_PLACEHOLDER", ValueType.text()).defaultValue("__debezium_unavailable_value")
            .doc("Debezium's unavailable.value.placeholder: the stored value is kept where a column carries it.")),
    TABLE_PARALLELISM(define("TRIBUTARY_LAKEHOUSE_TABLE_PARALLELISM", ValueType.integer()).defaultValue("4").check(Check.atLeast(1))
            .doc("How many tables of one micro-batch are written concurrently.")),
    SILVER_DELETION_VECTORS(define("TRIBUTARY_LAKEHOUSE_SILVER_DELETION_VECTORS", ValueType.bool()).defaultValue("false")
            .doc("Silver tables with deletion vectors: a MERGE marks the rows it replaces instead of rewriting the files"
                    + " they are in. Off (the default), a MERGE rewrites the files it touches, which at CDC batch sizes is"
                    + " about twice as fast; on pays off once tables hold files of hundreds of MB. Applied to existing"
                    + " silver tables when the job starts.")),
    COMPACT_AFTER_FILES(define("TRIBUTARY_LAKEHOUSE_COMPACT_AFTER_FILES", ValueType.integer()).defaultValue("16").check(Check.atLeast(0))
            .doc("A table the job streams into is compacted (its files below 8 MB bin-packed) once it holds this many"
                    + " live files more than after its last compaction; keeps MERGE and snapshot costs flat (0: never;"
                    + " the hourly maintenance still compacts).")),
    GOLD_ENABLED(define("TRIBUTARY_GOLD_ENABLED", ValueType.bool()).defaultValue("false")
            .doc("Run the gold stage: a second streaming query in this job's JVM over the orders, products and customers topics"
                    + " (windowed aggregates to <lake root>/gold and PostgreSQL schema serving; docs/gold.md).")),
    GOLD_WATERMARK(define("TRIBUTARY_GOLD_WATERMARK", ValueType.duration()).defaultValue("2m").check(Check.notNegative())
            .doc("Gold's watermark delay: windows ending before the latest order time seen minus this are closed; a"
                    + " later change of them is kept in gold.late_changes, not applied.")),
    GOLD_QUERY_NAME(define("TRIBUTARY_GOLD_QUERY_NAME", ValueType.text()).defaultValue("gold")
            .doc("Name of the gold query; its checkpoint and state are <lake root>/_checkpoints/<name>.")),
    GOLD_SESSION_GAP(define("TRIBUTARY_GOLD_SESSION_GAP", ValueType.duration()).defaultValue("5m").check(Check.positive())
            .doc("Gap of gold.customer_sessions: a customer's orders placed less than this apart are one session.")),
    GOLD_ABANDONED_AFTER(define("TRIBUTARY_GOLD_ABANDONED_AFTER", ValueType.duration()).defaultValue("10m")
            .check(Check.positive())
            .doc("An order still 'placed' when the gold watermark passes its ordered_at plus this is abandoned: sent"
                    + " once to <prefix>.alerts.abandoned-orders and kept in serving.abandoned_orders."));

    /**
     * Every setting; {@code TRIBUTARY_LAKEHOUSE_*} and {@code TRIBUTARY_GOLD_*} variables must be among them, spark.*
     * keys pass through.
     */
    public static final SettingCatalog CATALOG = SettingCatalog.of("TRIBUTARY_LAKEHOUSE_",
            DefinedSetting.definitions(values())).alsoOwning("TRIBUTARY_GOLD_").passingThrough("spark.");

    private final SettingDefinition<?> definition;

    Setting(SettingDefinition.Builder<?> definition) {
        this.definition = definition.build();
    }

    @Override
    public SettingDefinition<?> definition() {
        return definition;
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }
}
