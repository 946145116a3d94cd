package io.tributary.lakehouse.preview;

import io.delta.tables.DeltaTable;
import io.tributary.contracts.lake.LakePreviewRequest;
import io.tributary.lakehouse.lake.LakePaths;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.VersionNotFoundException;

/**
 * Reads the first rows of a table of the lake at the latest or a chosen version (Delta's time travel), in the running
 * job's session: a plain batch read in a Spark scheduler pool and job group of its own ({@value #POOL}), so the
 * streaming queries keep their share of the cores and a read that takes too long can be cancelled alone. It writes
 * nothing and changes no setting of the session.
 */
public final class LakePreview {
    static final String POOL = "lake-preview";

    private final SparkSession spark;
    private final LakePaths paths;

    public LakePreview(SparkSession spark, LakePaths paths) {
        this.spark = spark;
        this.paths = paths;
    }

    /**
     * The rows, read in the Spark job group {@code jobGroup} (which {@link #cancel} cancels).
     *
     * @throws LakeTableNotFound when the path holds no Delta table or the table has no such version
     */
    public LakePreviewResult read(LakePreviewRequest request, String jobGroup) {
        String location = paths.root() + "/" + request.path();
        spark.sparkContext().setLocalProperty("spark.scheduler.pool", POOL);
        spark.sparkContext().setJobGroup(jobGroup, "preview of " + request.path(), true);
        try {
            if (!DeltaTable.isDeltaTable(spark, location)) {
                throw new LakeTableNotFound(request.path() + " is not a Delta table: there is no _delta_log/ with a commit at "
                        + location);
            }
            long latest = DeltaTable.forPath(spark, location).history(1).select("version").first().getLong(0);
            long version = request.version().orElse(latest);
            Dataset<Row> rows = spark.read().format("delta").option("versionAsOf", version).load(location)
                    .limit(request.limit());
            List<String> json = rows.toJSON().collectAsList();
            return new LakePreviewResult(request.path(), version, latest, Arrays.asList(rows.columns()), json);
        } catch (Exception e) { // Delta throws its (checked) AnalysisException undeclared
            if (e instanceof VersionNotFoundException) {
                throw new LakeTableNotFound(request.path() + ": " + e.getMessage());
            }
            throw e;
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /** Cancels the running Spark jobs of the read in {@code jobGroup} (after its timeout). */
    public void cancel(String jobGroup) {
        spark.sparkContext().cancelJobGroup(jobGroup);
    }
}
