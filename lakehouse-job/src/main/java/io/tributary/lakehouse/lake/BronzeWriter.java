package io.tributary.lakehouse.lake;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.to_date;

import io.tributary.lakehouse.decode.TableLayout;
import org.apache.spark.sql.Column;
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

    /** Appends the rows (the caller checked there are some). */
    public void append(String table, Dataset<Row> decoded, String appId, long batchId) {
        Dataset<Row> rows = bronzeRows(decoded);
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

    /**
     * Appends the rows bronze does not hold yet (by Kafka topic, partition and offset): the replay of a parked table,
     * whose failed batch may have reached bronze before its silver write failed.
     */
    public void appendMissing(String table, Dataset<Row> decoded) {
        String path = paths.bronze(table);
        if (!LakeTables.exists(decoded.sparkSession().sparkContext().hadoopConfiguration(), path)) {
            append(table, decoded, "tributary-bronze-replay:" + table, 0);
            return;
        }
        Dataset<Row> rows = bronzeRows(decoded);
        retry.run("append the missing records to bronze." + table, () -> {
            io.delta.tables.DeltaTable.forPath(decoded.sparkSession(), path).as("t")
                    .merge(rows.as("s"), "t._topic = s._topic AND t._partition = s._partition AND t._offset = s._offset")
                    .whenNotMatched().insertAll()
                    .execute();
            return null;
        });
        LOG.info("bronze.{}: replayed records appended where missing", table);
    }

    private static Dataset<Row> bronzeRows(Dataset<Row> decoded) {
        // the envelope, then the ingest time and the change date last, as bronze tables have always had them
        java.util.List<Column> columns = new java.util.ArrayList<>();
        for (String c : decoded.columns()) {
            if (!java.util.Set.of(TableLayout.ERROR, TableLayout.RAW_KEY, TableLayout.RAW_VALUE, TableLayout.INGESTED_AT)
                    .contains(c)) {
                columns.add(col(c));
            }
        }
        columns.add(col(TableLayout.INGESTED_AT).as(INGESTED_AT));
        return decoded.select(columns.toArray(Column[]::new))
                .withColumn(CHANGE_DATE, to_date(coalesce(
                        expr("timestamp_millis(coalesce(" + TableLayout.SOURCE_TS_MS + ", " + TableLayout.TS_MS + "))"),
                        col(TableLayout.KAFKA_TIMESTAMP))));
    }
}
