package io.tributary.bench.spark;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.stream.StreamingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code --quick} only: one Spark JVM for the whole smoke run. It runs the lakehouse job's streaming query (the real
 * {@link StreamingJob}, configured from the environment like {@code lakehouse-job stream}) for every benchmark's
 * topics at once, and, once the file {@code args[0]} appears, the plain-append baseline over the topics matching
 * {@code args[1]} in the same session, its summary written to {@code args[2]}. Stops on SIGTERM.
 */
public final class SharedSparkHost {

    private SharedSparkHost() {
    }

    public static void main(String[] args) throws Exception {
        LakehouseConfig config = LakehouseConfig.load(Map.of(), System.getenv(), Map.of());
        StreamingJob job = new StreamingJob(config).start();
        Runtime.getRuntime().addShutdownHook(new Thread(job::close, "shutdown"));
        Path go = Path.of(args[0]);
        while (!Files.exists(go)) {
            Thread.sleep(100);
        }
        // the session StreamingJob created (getOrCreate returns the active one)
        SparkSession spark = SparkSession.builder().getOrCreate();
        PlainDeltaAppend.run(spark, config, args[1], config.lakeRoot() + "/plain", Path.of(args[2]));
        job.awaitTermination();
    }
}
