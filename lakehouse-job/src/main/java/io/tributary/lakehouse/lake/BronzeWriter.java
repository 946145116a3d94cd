package io.tributary.lakehouse.lake;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.to_date;

import io.tributary.lakehouse.decode.TableLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends a table's decoded changes to its bronze changelog {@code bronze/<table>}: every envelope field, the Kafka
 * coordinates and the ingest time, partitioned by the change date (UTC). Idempotent: the append carries the Delta
 * transaction id (appId = query id, version = batch id), so a replayed batch is skipped by Delta itself. New
 * columns are merged into the schema; widened types follow (type widening is on for new tables).
 */
public final class BronzeWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BronzeWriter.class);

    public static final String INGESTED_AT = "_ingested_at";
    public static final String CHANGE_DATE = "_change_date";

    private final LakePaths paths;
    private final CommitRetry retry;

    public BronzeWriter(LakePaths paths, CommitRetry retry) {
        this.paths = paths;
        this.retry = retry;
    }

    /** Appends the rows (the caller checked there are some); returns the number appended. */
    public void append(String table, Dataset<Row> decoded, String appId, long batchId) {
        Dataset<Row> rows = decoded.drop(TableLayout.ERROR, TableLayout.RAW_KEY, TableLayout.RAW_VALUE)
                .withColumn(INGESTED_AT, current_timestamp())
                .withColumn(CHANGE_DATE, to_date(coalesce(
                        expr("timestamp_millis(coalesce(" + TableLayout.SOURCE_TS_MS + ", " + TableLayout.TS_MS + "))"),
                        col(TableLayout.KAFKA_TIMESTAMP))));
        String path = paths.bronze(table);
        retry.run("append to bronze." + table, () -> {
            rows.write().format("delta").mode(SaveMode.Append)
                    .option("txnAppId", appId).option("txnVersion", batchId)
                    .option("mergeSchema", "true")
                    .partitionBy(CHANGE_DATE)
                    .save(path);
            return null;
        });
        LOG.debug("bronze.{}: appended batch {}", table, batchId);
    }
}
