package io.tributary.lakehouse.stream;

import io.tributary.contracts.stage.StageEnvironment;
import io.tributary.lakehouse.config.LakehouseConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Spark session of the job: Delta, the Java 8 time API, UTC, s3a for the configured endpoint, scratch
 * space in the data dir, and the small-machine settings. {@code spark.*} keys of the configuration win over all of
 * these; a master given by spark-submit wins over {@code TRIBUTARY_LAKEHOUSE_SPARK_MASTER}.
 */
public final class SparkSessions {

    /** Delta's auto compaction: off, the job compacts between writes itself ({@code lake.SmallFileCompaction}). */
    public static final String AUTO_COMPACT = "spark.databricks.delta.autoCompact.enabled";
    public static final String WHOLE_STAGE_CODEGEN = "spark.sql.codegen.wholeStage";
    /** How Spark builds projections and predicates: NO_CODEGEN interprets them instead of generating Java per task. */
    public static final String CODEGEN_FACTORY_MODE = "spark.sql.codegen.factoryMode";
    public static final String ADAPTIVE_EXECUTION = "spark.sql.adaptive.enabled";

    private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);
    private static final String SPARK_LOCAL_IP = StageEnvironment.Spark.LOCAL_IP;

    private SparkSessions() {
    }

    public static SparkSession create(LakehouseConfig config, String appName) {
        return create(config, appName, Optional.empty());
    }

    /**
     * The streaming job's session: as {@link #create}, with Spark's web UI on {@code TRIBUTARY_LAKEHOUSE_SPARK_UI_PORT}
     * when the master is local and {@code SPARK_LOCAL_IP} names the address to bind (Spark binds every interface
     * without it, so the UI stays off then and the log says why).
     */
    public static SparkSession createServingUi(LakehouseConfig config, String appName) {
        Optional<String> bindAddress = Optional.ofNullable(System.getenv(SPARK_LOCAL_IP)).filter(a -> !a.isBlank());
        if (bindAddress.isEmpty() && config.sparkUiPort() >= 0) {
            LOG.info("Spark UI off: {} is not set, and Spark would bind every interface (the local stack sets 127.0.0.1;"
                    + " TRIBUTARY_LAKEHOUSE_SPARK_UI_PORT=-1 turns it off without this message)", SPARK_LOCAL_IP);
        }
        return create(config, appName, bindAddress);
    }

    private static SparkSession create(LakehouseConfig config, String appName, Optional<String> uiBindAddress) {
        SparkConf conf = new SparkConf(true);
        Map<String, String> settings = settings(config, conf.contains("spark.master"), uiBindAddress);
        settings.forEach(conf::set);
        SparkSession spark = SparkSession.builder().appName(appName).config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        LOG.info("Spark {} session up (master {})", spark.version(), spark.sparkContext().master());
        return spark;
    }

    /** The Spark settings derived from the configuration, without the web UI (pure; visible for tests). */
    public static Map<String, String> settings(LakehouseConfig config, boolean masterGiven) {
        return settings(config, masterGiven, Optional.empty());
    }

    /**
     * The Spark settings derived from the configuration (pure; visible for tests); with {@code uiBindAddress} (the
     * value of SPARK_LOCAL_IP, where Spark binds its UI) and a UI port of 0 or more, the web UI is on.
     */
    public static Map<String, String> settings(LakehouseConfig config, boolean masterGiven, Optional<String> uiBindAddress) {
        Map<String, String> s = new LinkedHashMap<>();
        String master = config.sparkMaster();
        if (!masterGiven) {
            s.put("spark.master", master);
        }
        boolean local = !masterGiven && master.startsWith("local");
        if (local) {
            s.put("spark.driver.host", "127.0.0.1");
            s.put("spark.driver.bindAddress", "127.0.0.1");
            boolean ui = uiBindAddress.isPresent() && config.sparkUiPort() >= 0;
            s.put("spark.ui.enabled", Boolean.toString(ui));
            if (ui) {
                s.put("spark.ui.port", Integer.toString(config.sparkUiPort()));
                s.put("spark.ui.killEnabled", "false");
                s.put("spark.ui.showConsoleProgress", "false");
            }
        }
        // what Spark's status store keeps for its UI and listeners (also without a UI): a few minutes of micro-batches,
        // not its defaults of 1,000 jobs and stages and 100,000 tasks, so the job's heap target holds
        s.put("spark.ui.retainedJobs", "100");
        s.put("spark.ui.retainedStages", "100");
        s.put("spark.ui.retainedTasks", "2000");
        s.put("spark.ui.retainedDeadExecutors", "10");
        s.put("spark.sql.ui.retainedExecutions", "50");
        s.put("spark.sql.streaming.ui.retainedQueries", "10");
        s.put("spark.sql.streaming.ui.retainedProgressUpdates", "100");
        s.put("spark.local.dir", config.dataDir().resolve("spark-local").toString());
        s.put("spark.sql.warehouse.dir", config.dataDir().resolve("warehouse").toUri().toString());
        s.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        s.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        s.put("spark.sql.datetime.java8API.enabled", "true");
        s.put("spark.sql.session.timeZone", "UTC");
        // CDC micro-batches are small: a few shuffle partitions per core, not Spark's 200
        s.put("spark.sql.shuffle.partitions", local ? "2" : "8");
        s.put("spark.default.parallelism", local ? "2" : "8");
        s.put("spark.sql.sources.parallelPartitionDiscovery.parallelism", "4");
        // no adaptive execution: it runs each shuffle stage as a job of its own and plans again between them, which
        // on batches of thousands of rows costs more than it saves (a MERGE's scan was 5-6 jobs); with it off the first
        // batch of a default demo took 44 s instead of 55 s (2026-12-07; docs/lakehouse-job.md has the runs)
        s.put(ADAPTIVE_EXECUTION, "false");
        // Delta rebuilds table state with this many partitions (default 50): far too many for CDC-sized tables
        s.put("spark.databricks.delta.snapshotPartitions", "2");
        // the merge source is persisted by SilverWriter already; no second materialization
        s.put("spark.databricks.delta.merge.materializeSource", "none");
        s.put("spark.databricks.delta.properties.defaults.enableTypeWidening", "true");
        s.put("spark.databricks.delta.schema.autoMerge.enabled", "false");
        s.put("spark.databricks.delta.merge.repartitionBeforeWrite.enabled", "false");
        s.put("spark.sql.streaming.stopActiveRunOnRestart", "true");
        // no whole-stage code generation: a CDC micro-batch is thousands of rows, not millions, so compiling each stage
        // costs more than it saves. In a default demo (2026-12-07, idle machine, the same run otherwise) the first batch
        // took 31.6 s instead of 37.5 s and a steady batch 10.5-11 s instead of 14.5-15 s. spark.sql.codegen.wholeStage
        // given with --set or in the properties file still wins (the pass-through below)
        s.put(WHOLE_STAGE_CODEGEN, "false");
        // nor per-expression code generation: without whole-stage code generation every task of every operator
        // generated the Java source of its projections again (only the compiled class is cached), a tenth of the job's
        // CPU in a profile of a default demo (2026-12-07) went into formatting that source alone. Interpreted
        // projections cost more per row, nothing per task: the first batch of a demo took 55 s instead of 67-75 s
        s.put(CODEGEN_FACTORY_MODE, "NO_CODEGEN");
        // every batch plans the same queries per table (and Delta its own): keep all their compiled code, not 100
        s.put("spark.sql.codegen.cache.maxEntries", "2000");
        // a checkpoint (a Spark job writing Parquet) every 100 commits instead of 10: a table commits every batch
        s.put("spark.databricks.delta.properties.defaults.checkpointInterval", "100");
        // no auto compaction: Delta counts a table's small files in the writing JVM, and after a restart of the job it
        // compacted a table after every write (ChaosIT, 2026-12-07). The job compacts itself between writes, counting
        // the live files of each table's latest version (lake.SmallFileCompaction, TRIBUTARY_LAKEHOUSE_COMPACT_AFTER_FILES)
        s.put(AUTO_COMPACT, "false");
        // with a 0 s trigger an idle query asks Kafka for new offsets after this pause (Spark's default: 10 ms)
        s.put("spark.sql.streaming.pollingDelay", "250ms");
        // tables of a batch are written from parallel threads: share the cores between their jobs, not first come
        s.put("spark.scheduler.mode", "FAIR");
        if (config.vacuumRetention().compareTo(Duration.ofDays(7)) < 0) {
            s.put("spark.databricks.delta.retentionDurationCheck.enabled", "false");
        }
        s.put("spark.hadoop.fs.s3a.buffer.dir", config.dataDir().resolve("s3a-buffer").toString());
        s.put("spark.hadoop.fs.s3a.path.style.access", "true");
        s.put("spark.hadoop.fs.s3a.endpoint.region", config.s3Region());
        config.s3Endpoint().ifPresent(endpoint -> {
            s.put("spark.hadoop.fs.s3a.endpoint", endpoint.toString());
            s.put("spark.hadoop.fs.s3a.connection.ssl.enabled", String.valueOf("https".equals(endpoint.getScheme())));
        });
        if (config.s3AccessKey().isPresent()) {
            s.put("spark.hadoop.fs.s3a.aws.credentials.provider",
                    "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            s.put("spark.hadoop.fs.s3a.access.key", config.s3AccessKey().get());
            s.put("spark.hadoop.fs.s3a.secret.key", config.s3SecretKey().orElseThrow());
        }
        // bounded retries of an S3 call that fails to connect or gets a 5xx: the SDK's attempts, and s3a's own retries
        // with exponential backoff from the interval; then the batch fails and `stream` exits 3 (S3Unavailable)
        s.put("spark.hadoop.fs.s3a.attempts.maximum", "5");
        s.put("spark.hadoop.fs.s3a.retry.limit", "5");
        s.put("spark.hadoop.fs.s3a.retry.interval", "500ms");
        s.put("spark.hadoop.fs.s3a.connection.establish.timeout", "15s"); // s3a's minimum
        s.putAll(config.sparkConf());
        return s;
    }

    /** The s3a retry settings in force, for messages. */
    public static String s3RetrySummary(LakehouseConfig config) {
        Map<String, String> s = settings(config, false);
        StringBuilder sb = new StringBuilder("s3a retries (");
        String sep = "";
        for (String key : new String[] {"attempts.maximum", "retry.limit", "retry.interval",
                "connection.establish.timeout"}) {
            sb.append(sep).append("fs.s3a.").append(key).append('=').append(s.get("spark.hadoop.fs.s3a." + key));
            sep = ", ";
        }
        return sb.append(')').toString();
    }
}
