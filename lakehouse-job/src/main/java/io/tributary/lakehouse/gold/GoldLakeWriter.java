package io.tributary.lakehouse.gold;

import io.delta.tables.DeltaTable;
import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.SmallFileCompaction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a batch's outcome to the Delta gold tables ({@link LakePaths#gold}): the changed windows MERGEd with
 * their absolute totals (a replayed batch writes the same values again: nothing counts twice; an emptied window is
 * deleted), the late changes of fixed windows and of sessions appended with the batch as Delta transaction version
 * (a replay appends nothing). A table that gathered enough small files is compacted after its write.
 */
public final class GoldLakeWriter {

    /**
     * Late session points: apart from late_changes, whose rows each add to one fixed window (a session's late point
     * may merge or split sessions, so it is no delta of one row).
     */
    public static final String LATE_SESSION_CHANGES = "late_session_changes";

    private final SparkSession spark;
    private final LakePaths paths;
    private final String appId;
    private final CommitRetry retry;
    private final SmallFileCompaction compaction;

    public GoldLakeWriter(SparkSession spark, LakePaths paths, String appId, CommitRetry retry,
                          SmallFileCompaction compaction) {
        this.spark = spark;
        this.paths = paths;
        this.appId = appId;
        this.retry = retry;
        this.compaction = compaction;
    }

    public void write(BatchOutcome outcome, long batchId) {
        for (GoldTable table : GoldTable.values()) {
            List<Row> rows = GoldRows.windows(table, outcome.allWindows());
            if (!rows.isEmpty()) {
                merge(table, rows);
            }
        }
        String lateChanges = paths.gold("late_changes");
        ensureTable(lateChanges, GoldRows.LATE_CHANGES);
        append("late_changes", outcome.late(), batchId);
        append(LATE_SESSION_CHANGES, outcome.lateSessions(), batchId); // created by its first append
    }

    /** Late contributions appended with the batch as Delta transaction version: a replayed batch appends nothing. */
    private void append(String table, List<LateChange> late, long batchId) {
        String path = paths.gold(table);
        if (!late.isEmpty()) {
            Dataset<Row> rows = spark.createDataFrame(GoldRows.late(late, batchId), GoldRows.LATE_CHANGES);
            retry.run("gold " + table, () -> {
                rows.write().format("delta").mode("append").option("txnAppId", appId + "/" + table)
                        .option("txnVersion", batchId).save(path);
                return null;
            });
            compaction.afterWrite("gold." + table, path);
        }
    }

    private void merge(GoldTable table, List<Row> rows) {
        StructType schema = GoldRows.schemaOf(table);
        String path = paths.gold(table.tableName());
        ensureTable(path, schema);
        Dataset<Row> source = spark.createDataFrame(rows, GoldRows.withDelete(schema));
        String on = GoldRows.keyOf(table).stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
        Map<String, String> all = new LinkedHashMap<>();
        for (StructField f : schema.fields()) {
            all.put(f.name(), "s." + f.name());
        }
        retry.run("gold " + table.tableName(), () -> {
            DeltaTable.forPath(spark, path).as("t")
                    .merge(source.as("s"), on)
                    .whenMatched("s." + GoldRows.DELETE).delete()
                    .whenMatched().updateExpr(all)
                    .whenNotMatched("NOT s." + GoldRows.DELETE).insertExpr(all)
                    .execute();
            return null;
        });
        compaction.afterWrite("gold." + table.tableName(), path);
    }

    private void ensureTable(String path, StructType schema) {
        if (!DeltaTable.isDeltaTable(spark, path)) {
            spark.createDataFrame(List.of(), schema).write().format("delta").mode("append").save(path);
        }
    }
}
