package io.tributary.lakehouse.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import io.tributary.lakehouse.decode.TableLayout;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Appends poison records to the quarantine table with their raw bytes, Kafka coordinates and the error, so that
 * they can be inspected, fixed and re-produced. Idempotent like bronze (Delta transaction id per batch).
 */
public final class QuarantineWriter {

    public static final String TABLE = "_table";
    public static final String QUARANTINED_AT = "_quarantined_at";
    public static final String BATCH_ID = "_batch_id";

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

    public void append(Dataset<Row> rows, String appId, long batchId) {
        retry.run("append to quarantine", () -> {
            rows.write().format("delta").mode(SaveMode.Append)
                    .option("txnAppId", appId).option("txnVersion", batchId)
                    .save(paths.quarantine());
            return null;
        });
    }
}
