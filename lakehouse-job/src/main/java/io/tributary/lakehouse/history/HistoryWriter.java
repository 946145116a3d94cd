package io.tributary.lakehouse.history;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;

import io.delta.tables.DeltaTable;
import io.tributary.lakehouse.cdc.Change;
import io.tributary.lakehouse.cdc.Op;
import io.tributary.lakehouse.decode.TableLayout;
import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.LakeTables;
import io.tributary.lakehouse.lake.SchemaEvolution;
import io.tributary.lakehouse.lake.SilverColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings {@code history/<table>} up to its bronze changelog, incrementally and idempotently.
 *
 * <p>Bronze is read as a batch. What is new is what lies past the applied watermark: per Kafka topic and partition,
 * the highest offset a previous run applied, kept in {@code _history_watermarks}. Bronze receives each partition's
 * records in offset order (a replayed micro-batch is skipped by its Delta transaction id, a parked table's records
 * are appended after the earlier ones), so every record at or below the watermark is applied already. An offset
 * watermark survives what a version watermark would not: OPTIMIZE and VACUUM of bronze, and its rewrite when a column
 * becomes text.
 *
 * <p>The new changes are grouped by key with the key's latest stored version and folded ({@link HistoryFold}); the
 * resulting versions are MERGEd by (key, {@code _lsn_from}, {@code _position_from}), so writing the same version twice
 * changes nothing. The MERGE carries a Delta transaction id (appId {@code tributary-history:<table>}, version = the
 * bronze version read): a run that crashed after the MERGE and before its watermark was written finds its MERGE
 * skipped by Delta when bronze has not moved, and folded to nothing by the fold's replay rule when it has.
 * One writer at a time: run history from one process (S3's log store has no cross-process lock).
 */
public final class HistoryWriter {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    static final String APP_ID_PREFIX = "tributary-history:";
    private static final String TXN_APP_ID = "spark.databricks.delta.write.txnAppId";
    private static final String TXN_VERSION = "spark.databricks.delta.write.txnVersion";

    /** What one run did to one table. */
    public record TableReport(String table, long changesRead, long versionsWritten, long bronzeVersion) {
    }

    private final SparkSession spark;
    private final LakePaths paths;
    private final CommitRetry retry;

    public HistoryWriter(SparkSession spark, LakePaths paths, CommitRetry retry) {
        this.spark = spark;
        this.paths = paths;
        this.retry = retry;
    }

    /** Updates the history of every bronze table. */
    public List<TableReport> updateAll() {
        List<TableReport> reports = new ArrayList<>();
        for (String table : LakeTables.list(spark.sparkContext().hadoopConfiguration(), paths.bronzeRoot())) {
            reports.add(update(table));
        }
        return reports;
    }

    /** Updates {@code history/<table>} from {@code bronze/<table>}. */
    public TableReport update(String table) {
        String bronzePath = paths.bronze(table);
        if (!LakeTables.exists(spark.sparkContext().hadoopConfiguration(), bronzePath)) {
            throw new IllegalArgumentException("table " + table + ": no bronze table at " + bronzePath
                    + " (tables with changes: " + LakeTables.list(spark.sparkContext().hadoopConfiguration(),
                    paths.bronzeRoot()) + ")");
        }
        long bronzeVersion = DeltaTable.forPath(spark, bronzePath).history(1).select("version").first().getLong(0);
        Dataset<Row> bronze = spark.read().format("delta").option("versionAsOf", bronzeVersion).load(bronzePath);
        StructType keyType = (StructType) bronze.schema().apply(TableLayout.KEY).dataType();
        if (keyType.fields().length == 0) {
            LOG.info("history.{}: bronze holds no keyed change yet", table);
            return new TableReport(table, 0, 0, bronzeVersion);
        }
        List<String> keyColumns = Arrays.asList(keyType.fieldNames());
        StructType rowType = (StructType) bronze.schema().apply(TableLayout.AFTER).dataType();
        String historyPath = paths.history(table);
        boolean createdNow = !LakeTables.exists(spark.sparkContext().hadoopConfiguration(), historyPath);
        StructType data = HistoryColumns.dataColumns(ensureTable(table, historyPath, rowType, keyColumns));

        // a table created now holds no version, whatever watermarks a deleted one left: it is built from all of bronze
        Map<List<Object>, Long> watermarks = createdNow ? new HashMap<>() : HistoryWatermarks.read(spark, paths, table);
        Dataset<Row> fresh = bronze.filter(HistoryWatermarks.after(watermarks)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Row> newMarks = fresh.groupBy(TableLayout.TOPIC, TableLayout.PARTITION)
                    .agg(max(TableLayout.OFFSET)).collectAsList();
            if (newMarks.isEmpty()) {
                LOG.info("history.{}: nothing new in bronze (version {})", table, bronzeVersion);
                return new TableReport(table, 0, 0, bronzeVersion);
            }
            Dataset<Row> changes = changeRows(fresh, data, keyColumns, rowType);
            List<Change> truncates = truncates(changes);
            Dataset<Row> keyed = changes.filter(col(HistoryRows.OP_IN).notEqual(Op.TRUNCATE.code()));
            Dataset<Row> latest = latestVersions(historyPath, data, keyed, keyColumns, !truncates.isEmpty());
            StructType versionSchema = HistoryRows.versionSchema(data);
            HistoryRows rows = new HistoryRows(Arrays.asList(data.fieldNames()), keyColumns, versionSchema, truncates);
            StructType keyStruct = new StructType(keyColumns.stream().map(data::apply).toArray(StructField[]::new));
            MapFunction<Row, Row> key = r -> rows.key(r, keyStruct);
            CoGroupFunction<Row, Row, Row, Row> fold = (k, changed, stored) -> rows.fold(changed, stored);
            Dataset<Row> versions = keyed.groupByKey(key, Encoders.row(keyStruct))
                    .cogroup(latest.groupByKey(key, Encoders.row(keyStruct)), fold, Encoders.row(versionSchema));
            Dataset<Row> out = toHistoryRows(versions, data).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                long written = out.count();
                merge(table, historyPath, out, keyColumns, bronzeVersion);
                HistoryWatermarks.write(spark, paths, table, watermarks, newMarks, retry);
                long read = fresh.count();
                LOG.info("history.{}: {} changes of bronze up to version {} folded into {} versions", table, read,
                        bronzeVersion, written);
                return new TableReport(table, read, written, bronzeVersion);
            } finally {
                out.unpersist();
            }
        } finally {
            fresh.unpersist();
        }
    }

    /** Creates the history table when missing and adds the columns bronze gained since; returns its schema. */
    private StructType ensureTable(String table, String path, StructType rowType, List<String> keyColumns) {
        if (!LakeTables.exists(spark.sparkContext().hadoopConfiguration(), path)) {
            StructType schema = HistoryColumns.historySchema(rowType);
            retry.run("create history." + table, () -> spark.sql("CREATE TABLE IF NOT EXISTS "
                    + LakePaths.deltaRef(path) + " (" + schema.toDDL() + ") USING delta TBLPROPERTIES"
                    + " ('delta.enableTypeWidening' = 'true', '" + SilverColumns.KEY_PROPERTY + "' = '"
                    + String.join(",", keyColumns) + "')"));
            LOG.info("history.{}: created at {} keyed by {}", table, path, keyColumns);
        }
        StructType current = spark.read().format("delta").load(path).schema();
        for (SchemaEvolution.Step step : SchemaEvolution.plan(table, HistoryColumns.dataColumns(current), rowType)) {
            if (!(step instanceof SchemaEvolution.AlterStep alter)) {
                throw new IllegalStateException("history." + table + ": column " + step.column() + " became text in"
                        + " PostgreSQL; history keeps the old type. Rebuild it: delete " + path
                        + ", then run history again (it is rebuilt from all of bronze).");
            }
            String sql = alter.sql(LakePaths.deltaRef(path));
            LOG.info("history.{}: schema change: {}", table, sql);
            retry.run("schema change of history." + table, () -> spark.sql(sql));
        }
        return spark.read().format("delta").load(path).schema();
    }

    /** Bronze rows as the fold's change rows: key columns from the Kafka key, the rest from after, cast to history. */
    private static Dataset<Row> changeRows(Dataset<Row> bronze, StructType data, List<String> keyColumns,
                                           StructType rowType) {
        Set<String> incoming = Set.of(rowType.fieldNames());
        List<Column> columns = new ArrayList<>();
        for (StructField f : data.fields()) {
            String q = SchemaEvolution.quote(f.name());
            Column value = keyColumns.contains(f.name()) ? col(TableLayout.KEY + "." + q)
                    : incoming.contains(f.name()) ? col(TableLayout.AFTER + "." + q) : lit(null);
            columns.add(value.cast(f.dataType()).as(f.name()));
        }
        columns.add(col(TableLayout.OP).as(HistoryRows.OP_IN));
        columns.add(col(TableLayout.LSN).as(HistoryRows.LSN_IN));
        columns.add(col(TableLayout.OFFSET).as(HistoryRows.POSITION_IN));
        columns.add(col(TableLayout.SOURCE_TS_MS).as(HistoryRows.TS_IN));
        columns.add(col(TableLayout.UNAVAILABLE).as(HistoryRows.UNAVAILABLE_IN));
        return bronze.filter(col(TableLayout.OP).isNotNull()).select(columns.toArray(Column[]::new));
    }

    private static List<Change> truncates(Dataset<Row> changes) {
        List<Change> truncates = new ArrayList<>();
        for (Row r : changes.filter(col(HistoryRows.OP_IN).equalTo(Op.TRUNCATE.code()))
                .select(HistoryRows.LSN_IN, HistoryRows.POSITION_IN, HistoryRows.TS_IN).collectAsList()) {
            truncates.add(new Change(List.of(), Op.TRUNCATE, r.getLong(0), r.getLong(1), Map.of(), Set.of(),
                    r.isNullAt(2) ? 0L : r.getLong(2)));
        }
        return truncates;
    }

    /**
     * The latest stored version of each key with new changes (of every key when a truncate came), in the fold's
     * version row shape.
     */
    private Dataset<Row> latestVersions(String path, StructType data, Dataset<Row> keyed, List<String> keyColumns,
                                        boolean everyKey) {
        Dataset<Row> history = spark.read().format("delta").load(path);
        Column[] keys = keyColumns.stream().map(c -> col(SchemaEvolution.quote(c))).toArray(Column[]::new);
        if (!everyKey) {
            history = history.join(keyed.select(keys).distinct(),
                    scala.jdk.javaapi.CollectionConverters.asScala(keyColumns).toSeq(), "left_semi");
        }
        List<String> rest = new ArrayList<>();
        for (String c : data.fieldNames()) {
            if (!keyColumns.contains(c)) {
                rest.add(c);
            }
        }
        List<Column> versionColumns = new ArrayList<>();
        rest.forEach(c -> versionColumns.add(col(SchemaEvolution.quote(c))));
        versionColumns.add(org.apache.spark.sql.functions.unix_millis(col(HistoryColumns.VALID_FROM)).as(HistoryRows.FROM_MS));
        versionColumns.add(org.apache.spark.sql.functions.unix_millis(col(HistoryColumns.VALID_TO)).as(HistoryRows.TO_MS));
        for (String m : List.of(HistoryColumns.IS_CURRENT, HistoryColumns.LSN_FROM, HistoryColumns.POSITION_FROM,
                HistoryColumns.LSN_TO, HistoryColumns.POSITION_TO, HistoryColumns.OP)) {
            versionColumns.add(col(m));
        }
        Dataset<Row> latest = history.groupBy(keys).agg(max_by(struct(versionColumns.toArray(Column[]::new)),
                struct(col(HistoryColumns.LSN_FROM), col(HistoryColumns.POSITION_FROM))).as("__latest"));
        List<Column> flat = new ArrayList<>();
        for (String c : data.fieldNames()) {
            flat.add(keyColumns.contains(c) ? col(SchemaEvolution.quote(c))
                    : col("__latest." + SchemaEvolution.quote(c)).as(c));
        }
        for (String m : List.of(HistoryRows.FROM_MS, HistoryRows.TO_MS, HistoryColumns.IS_CURRENT,
                HistoryColumns.LSN_FROM, HistoryColumns.POSITION_FROM, HistoryColumns.LSN_TO,
                HistoryColumns.POSITION_TO, HistoryColumns.OP)) {
            flat.add(col("__latest." + m).as(m));
        }
        return latest.select(flat.toArray(Column[]::new));
    }

    /** The fold's version rows with their timestamps as timestamps: the history table's columns in its order. */
    private static Dataset<Row> toHistoryRows(Dataset<Row> versions, StructType data) {
        List<Column> columns = new ArrayList<>();
        for (String c : data.fieldNames()) {
            columns.add(col(SchemaEvolution.quote(c)));
        }
        columns.add(org.apache.spark.sql.functions.timestamp_millis(col(HistoryRows.FROM_MS)).as(HistoryColumns.VALID_FROM));
        columns.add(org.apache.spark.sql.functions.timestamp_millis(col(HistoryRows.TO_MS)).as(HistoryColumns.VALID_TO));
        for (String m : List.of(HistoryColumns.IS_CURRENT, HistoryColumns.LSN_FROM, HistoryColumns.POSITION_FROM,
                HistoryColumns.LSN_TO, HistoryColumns.POSITION_TO, HistoryColumns.OP)) {
            columns.add(col(m));
        }
        return versions.select(columns.toArray(Column[]::new));
    }

    /** MERGE by (key, _lsn_from, _position_from) under the run's Delta transaction id. */
    private void merge(String table, String path, Dataset<Row> out, List<String> keyColumns, long bronzeVersion) {
        Column on = col("t." + HistoryColumns.LSN_FROM).equalTo(col("s." + HistoryColumns.LSN_FROM))
                .and(col("t." + HistoryColumns.POSITION_FROM).equalTo(col("s." + HistoryColumns.POSITION_FROM)));
        for (String c : keyColumns) {
            on = on.and(col("t." + SchemaEvolution.quote(c)).equalTo(col("s." + SchemaEvolution.quote(c))));
        }
        Map<String, Column> set = new LinkedHashMap<>();
        for (String c : out.columns()) {
            set.put(SchemaEvolution.quote(c), col("s." + SchemaEvolution.quote(c)));
        }
        Column condition = on;
        retry.run("MERGE into history." + table, () -> {
            spark.conf().set(TXN_APP_ID, APP_ID_PREFIX + table);
            spark.conf().set(TXN_VERSION, bronzeVersion);
            try {
                DeltaTable.forPath(spark, path).as("t").merge(out.as("s"), condition)
                        .whenMatched().update(set)
                        .whenNotMatched().insert(set)
                        .execute();
            } finally {
                spark.conf().unset(TXN_APP_ID);
                spark.conf().unset(TXN_VERSION);
            }
            return null;
        });
    }
}
