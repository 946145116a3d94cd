package io.tributary.bench.spark;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.stream.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The apply baseline: the same Kafka records appended to one Delta table as they are (key, value bytes, topic,
 * partition, offset, timestamp), no decoding, no MERGE. Same Spark session settings as the lakehouse job
 * (SparkSessions), same batch bound. Compiled by the benchmark at run time against lakehouse-job's classpath, so
 * this module needs no Spark dependency. Writes "rows busySeconds wallSeconds batches" to the file in args[0].
 */
public final class PlainDeltaAppend {

    private PlainDeltaAppend() {
    }

    public static void main(String[] args) throws Exception {
        LakehouseConfig config = LakehouseConfig.load(Map.of(), System.getenv(), Map.of());
        SparkSession spark = SparkSessions.create(config, "bench-plain-append");
        run(spark, config, config.topicPattern().pattern(), config.lakeRoot() + "/plain", Path.of(args[0]));
        spark.stop();
    }

    /**
     * Appends every record of the topics matching {@code topicPattern} (available now) to {@code root}/changes, then
     * writes the summary line to {@code summary}.
     */
    static void run(SparkSession spark, LakehouseConfig config, String topicPattern, String root, Path summary)
            throws Exception {
        String table = root + "/changes";
        AtomicLong busyNanos = new AtomicLong();
        AtomicLong firstStart = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong();
        VoidFunction2<Dataset<Row>, Long> append = (batch, id) -> {
            long t = System.nanoTime();
            firstStart.compareAndSet(0, t);
            batch.write().format("delta").mode("append").save(table);
            long end = System.nanoTime();
            busyNanos.addAndGet(end - t);
            lastEnd.set(end);
        };
        StreamingQuery query = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", config.kafkaBootstrap())
                .option("subscribePattern", topicPattern)
                .option("startingOffsets", "earliest")
                .option("maxOffsetsPerTrigger", config.maxOffsetsPerTrigger())
                .load()
                .selectExpr("key", "value", "topic", "partition", "offset", "timestamp")
                .writeStream()
                .queryName("bench-plain-append")
                .option("checkpointLocation", root + "/_checkpoint")
                .trigger(Trigger.AvailableNow())
                .foreachBatch(append)
                .start();
        query.awaitTermination();
        long rows = 0;
        int batches = 0;
        for (StreamingQueryProgress p : query.recentProgress()) {
            rows += p.numInputRows();
            if (p.numInputRows() > 0) {
                batches++;
            }
        }
        Path partial = summary.resolveSibling(summary.getFileName() + ".tmp");
        Files.writeString(partial, String.format(Locale.ROOT, "%d %.3f %.3f %d%n", rows, busyNanos.get() / 1e9,
                (lastEnd.get() - firstStart.get()) / 1e9, batches));
        Files.move(partial, summary, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
