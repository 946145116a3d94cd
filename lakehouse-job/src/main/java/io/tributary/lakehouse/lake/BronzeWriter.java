package io.tributary.lakehouse.lake;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.to_date;

import io.tributary.lakehouse.decode.TableLayout;
import io.tributary.lakehouse.decode.TypeWidening;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
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
    /** Per table, the last incoming row type and the row type it is appended with. */
    private final Map<String, RowTypes> rowTypes = new ConcurrentHashMap<>();

    public BronzeWriter(LakePaths paths, CommitRetry retry) {
        this.paths = paths;
        this.retry = retry;
    }

    /** Appends the rows (the caller checked there are some). */
    public void append(String table, Dataset<Row> decoded, String appId, long batchId) {
        String path = paths.bronze(table);
        Dataset<Row> rows = bronzeRows(decoded, appendRowType(table, path, decoded));
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
        Dataset<Row> rows = bronzeRows(decoded, appendRowType(table, path, decoded));
        retry.run("append the missing records to bronze." + table, () -> {
            io.delta.tables.DeltaTable.forPath(decoded.sparkSession(), path).as("t")
                    .merge(rows.as("s"), "t._topic = s._topic AND t._partition = s._partition AND t._offset = s._offset")
                    .whenNotMatched().insertAll()
                    .execute();
            return null;
        });
        LOG.info("bronze.{}: replayed records appended where missing", table);
    }

    /**
     * The row type the before and after images are appended with: the incoming one, except that a column bronze
     * already holds in a wider type keeps it (after {@code ALTER ... TYPE int} on a bigint, Delta's schema merge
     * refuses the narrower type). Worked out once per table and schema version, never per batch. When a column
     * bronze holds as an integer, decimal or date now arrives as text, bronze is first rewritten with it as text
     * ({@link TextRetype}), since Delta cannot turn int into string either.
     */
    private StructType appendRowType(String table, String path, Dataset<Row> decoded) {
        StructType incoming = (StructType) decoded.schema().apply(TableLayout.AFTER).dataType();
        RowTypes known = rowTypes.get(table);
        if (known != null && known.incoming().equals(incoming)) {
            return known.append();
        }
        StructType append = incoming;
        SparkSession spark = decoded.sparkSession();
        if (LakeTables.exists(spark.sparkContext().hadoopConfiguration(), path)) {
            StructType stored = spark.read().format("delta").load(path).schema();
            if (java.util.Arrays.asList(stored.fieldNames()).contains(TableLayout.AFTER)) {
                StructType storedRow = (StructType) stored.apply(TableLayout.AFTER).dataType();
                List<String> asText = TextRetype.columns(storedRow, incoming);
                if (!asText.isEmpty()) {
                    LOG.info("bronze.{}: columns {} became text in PostgreSQL: rewriting the table", table, asText);
                    retry.run("rewrite of bronze." + table, () -> {
                        TextRetype.bronze(spark, path, asText, CHANGE_DATE);
                        return null;
                    });
                } else {
                    append = keepWiderStoredTypes(storedRow, incoming);
                }
            }
        }
        rowTypes.put(table, new RowTypes(incoming, append));
        return append;
    }

    /** {@code incoming} with each column that {@code stored} holds in a strictly wider type given that type. */
    static StructType keepWiderStoredTypes(StructType stored, StructType incoming) {
        Map<String, StructField> byName = new java.util.HashMap<>();
        for (StructField f : stored.fields()) {
            byName.put(f.name(), f);
        }
        StructField[] fields = incoming.fields().clone();
        for (int i = 0; i < fields.length; i++) {
            StructField s = byName.get(fields[i].name());
            if (s != null && !s.dataType().equals(fields[i].dataType())
                    && TypeWidening.canWiden(fields[i].dataType(), s.dataType())) {
                fields[i] = new StructField(fields[i].name(), s.dataType(), true, fields[i].metadata());
            }
        }
        return new StructType(fields);
    }

    private record RowTypes(StructType incoming, StructType append) {
    }

    private static Dataset<Row> bronzeRows(Dataset<Row> decoded, StructType rowType) {
        // the envelope, then the ingest time and the change date last, as bronze tables have always had them
        java.util.List<Column> columns = new java.util.ArrayList<>();
        for (String c : decoded.columns()) {
            if (java.util.Set.of(TableLayout.BEFORE, TableLayout.AFTER).contains(c)) {
                columns.add(col(c).cast(rowType).as(c));
            } else if (!java.util.Set.of(TableLayout.ERROR, TableLayout.RAW_KEY, TableLayout.RAW_VALUE,
                    TableLayout.INGESTED_AT).contains(c)) {
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
