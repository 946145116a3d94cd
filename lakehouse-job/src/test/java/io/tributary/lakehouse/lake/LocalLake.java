package io.tributary.lakehouse.lake;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.stream.SparkSessions;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** A lake on the local filesystem under a test's directory, with the job's Spark session (local[2]). */
public record LocalLake(SparkSession spark, LakePaths paths) {

    public static LocalLake start(Path dir, String appName) {
        LakehouseConfig config = LakehouseConfig.load(Map.of(), Map.of(
                "TRIBUTARY_LAKEHOUSE_LAKE_ROOT", dir.resolve("lake").toUri().toString(),
                "TRIBUTARY_LAKEHOUSE_DATA_DIR", dir.resolve("data").toString()), Map.of());
        return new LocalLake(SparkSessions.create(config, appName), new LakePaths(config.lakeRoot()));
    }
}
