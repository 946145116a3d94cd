package io.tributary.lakehouse.lake;

import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;

/**
 * How many data files a table's latest Delta version holds, when Delta knows it without reading the table's state:
 * from the checksum of the version this JVM just committed (or read). Never starts a Spark job, so it can follow every
 * write of the streaming path.
 */
public final class LiveFiles {

    private final SparkSession spark;
    private final LakePaths paths;

    public LiveFiles(SparkSession spark, LakePaths paths) {
        this.spark = spark;
        this.paths = paths;
    }

    public OptionalLong bronze(String table) {
        return of(paths.bronze(table));
    }

    public OptionalLong silver(String table) {
        return of(paths.silver(table));
    }

    private OptionalLong of(String path) {
        scala.Option<Object> known = DeltaLog.forTable(spark, path).unsafeVolatileSnapshot().numOfFilesIfKnown();
        return known.isDefined() ? OptionalLong.of((Long) known.get()) : OptionalLong.empty();
    }
}
