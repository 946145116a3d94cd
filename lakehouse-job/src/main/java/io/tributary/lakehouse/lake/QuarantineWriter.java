package io.tributary.lakehouse.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import io.tributary.lakehouse.decode.TableLayout;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Appends poison records to the quarantine table with their raw bytes, Kafka coordinates and the error, so that
 * they can be inspected, fixed and re-produced. Idempotent like bronze (Delta transaction id per batch). The table
 * exists, empty, from the job's start on ({@link #createIfMissing}), so that {@code lake.quarantine} can always be
 * queried.
 */
public final class QuarantineWriter {

    public static final String TABLE = "_table";
    public static final String QUARANTINED_AT = "_quarantined_at";
    public static final String BATCH_ID = "_batch_id";

    /** The columns of the quarantine table, in the order {@link #project} writes them. */
    public static final StructType SCHEMA = new StructType()
            .add(TableLayout.TOPIC, DataTypes.StringType, true)
            .add(TableLayout.PARTITION, DataTypes.IntegerType, true)
            .add(TableLayout.OFFSET, DataTypes.LongType, true)
            .add(TableLayout.KAFKA_TIMESTAMP, DataTypes.TimestampType, true)
            .add(TABLE, DataTypes.StringType, true)
            .add(TableLayout.ERROR, DataTypes.StringType, true)
            .add(TableLayout.RAW_KEY, DataTypes.BinaryType, true)
            .add(TableLayout.RAW_VALUE, DataTypes.BinaryType, true)
            .add(QUARANTINED_AT, DataTypes.TimestampType, true)
            .add(BATCH_ID, DataTypes.LongType, true);

    private final LakePaths paths;
    private final CommitRetry retry;

    public QuarantineWriter(LakePaths paths, CommitRetry retry) {
        this.paths = paths;
        this.retry = retry;
    }

    /** The quarantine projection of a table's poison rows. */
    public static Dataset<Row> project(String table, Dataset<Row> poison, long batchId) {
        return poison.select(new Column[] {
                col(TableLayout.TOPIC), col(TableLayout.PARTITION), col(TableLayout.OFFSET),
                col(TableLayout.KAFKA_TIMESTAMP), lit(table).as(TABLE), col(TableLayout.ERROR),
                col(TableLayout.RAW_KEY), col(TableLayout.RAW_VALUE), current_timestamp().as(QUARANTINED_AT),
                lit(batchId).as(BATCH_ID)});
    }

    /**
     * Creates the quarantine table, empty, unless it exists; returns whether it created it. Synchronized with
     * {@link #append}, so that a batch's first poison record waits for a creation under way instead of racing it.
     */
    public synchronized boolean createIfMissing(SparkSession spark) {
        if (LakeTables.exists(spark.sparkContext().hadoopConfiguration(), paths.quarantine())) {
            return false;
        }
        retry.run("create the quarantine table", () -> {
            spark.createDataFrame(List.<Row>of(), SCHEMA).write().format("delta").mode(SaveMode.Ignore).save(paths.quarantine());
            return null;
        });
        return true;
    }

    public synchronized void append(Dataset<Row> rows, String appId, long batchId) {
        retry.run("append to quarantine", () -> {
            rows.write().format("delta").mode(SaveMode.Append)
                    .option("txnAppId", appId).option("txnVersion", batchId)
                    .save(paths.quarantine());
            return null;
        });
    }
}
