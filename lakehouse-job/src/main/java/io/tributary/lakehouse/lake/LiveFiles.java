package io.tributary.lakehouse.lake;

import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.VersionChecksum;

/**
 * How many data files a table's latest Delta version holds, when Delta knows it without reading the table's state:
 * from the checksum of the version this JVM just committed (or read). Never starts a Spark job, so it can follow every
 * write of the streaming path. (Delta's own {@code Snapshot.numOfFilesIfKnown} does not do that in 4.0: it
 * reconstructs the table's state, a Spark job of seconds, unless that was done already.)
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
        return of(spark, path);
    }

    /** The live files of the table at {@code path}, from the checksum of the version this JVM knows last. */
    static OptionalLong of(SparkSession spark, String path) {
        scala.Option<VersionChecksum> checksum = DeltaLog.forTable(spark, path).unsafeVolatileSnapshot().checksumOpt();
        return checksum.isDefined() ? OptionalLong.of(checksum.get().numFiles()) : OptionalLong.empty();
    }
}
