package io.tributary.lakehouse.gold;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.SmallFileCompaction;
import io.tributary.lakehouse.metrics.JobMetrics;
import io.tributary.lakehouse.reconcile.PostgresSource;
import io.tributary.lakehouse.stream.StreamingJob;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the gold query in the lake job's Spark session (docs/gold.md says why not a JVM of its own): the orders,
 * products and customers topics, its own checkpoint ({@link LakehouseConfig#goldCheckpointLocation()}), {@link GoldBatchProcessor}
 * per batch. It writes PostgreSQL as the role reconcile reads with (TRIBUTARY_CDC_USER / _PASSWORD).
 */
public final class GoldQuery {

    private static final Logger LOG = LoggerFactory.getLogger(GoldQuery.class);

    private GoldQuery() {
    }

    public static StreamingQuery start(SparkSession spark, LakehouseConfig config, Map<String, String> env,
                                       CommitRetry retry, SmallFileCompaction compaction, JobMetrics metrics) throws TimeoutException, SQLException {
        PostgresSource pg = PostgresSource.fromEnvironment(env);
        String jdbcUrl = "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + pg.database()
                + "?ApplicationName=tributary-gold";
        ServingWriter serving = new ServingWriter(jdbcUrl, pg.user(), pg.password(), config.goldQueryName());
        serving.createTables();
        GoldLakeWriter lake = new GoldLakeWriter(spark, new LakePaths(config.lakeRoot()), "tributary-gold:" + config.goldQueryName(),
                retry, compaction);
        GoldStateStore store = new GoldStateStore(config.goldCheckpointLocation() + "/windows",
                spark.sparkContext().hadoopConfiguration());
        GoldTopicWriter out = new GoldTopicWriter(config.kafkaBootstrap(), config.schemaRegistryUrl(),
                config.topicPrefix());
        String topics = topic(config, GoldBatchProcessor.ORDERS) + "," + topic(config, GoldBatchProcessor.PRODUCTS)
                + "," + topic(config, GoldBatchProcessor.CUSTOMERS);
        StreamingQuery query = StreamingJob.kafkaSource(spark, config)
                .option("subscribe", topics)
                .load()
                .writeStream()
                .queryName(config.goldQueryName())
                .option("checkpointLocation", config.goldCheckpointLocation() + "/checkpoint")
                .trigger(Trigger.ProcessingTime(config.triggerInterval().toMillis()))
                .foreachBatch(new GoldBatchProcessor(config, lake, serving, store, out, metrics))
                .start();
        LOG.info("gold query {} (id {}) started: {} -> {}/gold, {} schema serving, {} and {}; watermark {},"
                        + " session gap {}, abandoned after {}", config.goldQueryName(), query.id(), topics,
                config.lakeRoot(), pg, GoldTopicWriter.enrichedTopic(config.topicPrefix()),
                GoldTopicWriter.alertsTopic(config.topicPrefix()), config.goldWatermark(), config.goldSessionGap(),
                config.goldAbandonedAfter());
        return query;
    }

    private static String topic(LakehouseConfig config, String table) {
        return config.topicPrefix() + "." + config.sourceSchema() + "." + table;
    }
}
