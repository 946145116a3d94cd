package io.tributary.lakehouse.lake;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import io.tributary.lakehouse.cdc.Op;
import io.tributary.lakehouse.decode.TableLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code silver/<table>} equal to the source table: evolves its schema, applies a truncate, and MERGEs the
 * batch's latest change per key ({@link MergeSource}) in one pass over the target. The MERGE decides each key itself:
 * the guard on (LSN, position) makes a replayed batch a no-op, unavailable TOAST columns keep the stored value, a
 * delete leaves a tombstone. The target is joined once. The plans carry no per-batch literal, so that Spark's
 * generated code is compiled once and reused by every later batch.
 */
public final class SilverWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SilverWriter.class);
    static final String DELETION_VECTORS_PROPERTY = "delta.enableDeletionVectors";
    /** Rows per file of a table's first append (the initial snapshot): 1M rows of the benchmark still use two cores. */
    static final long ROWS_PER_FIRST_FILE = 500_000;

    private final SparkSession spark;
    private final LakePaths paths;
    private final CommitRetry retry;
    private final boolean deletionVectors;
    private final Map<String, List<String>> keyColumnsByTable = new ConcurrentHashMap<>();
    private final Map<String, DeltaTable> deltaTables = new ConcurrentHashMap<>();
    private final java.util.Set<String> existing = ConcurrentHashMap.newKeySet();
    /** The last schema seen per table: a batch with the same columns skips the schema check. */
    private final Map<String, StructType> knownSchemas = new ConcurrentHashMap<>();

    /** A writer of silver tables without deletion vectors (the job's default). */
    public SilverWriter(SparkSession spark, LakePaths paths, CommitRetry retry) {
        this(spark, paths, retry, false);
    }

    /**
     * @param deletionVectors whether silver tables keep deletion vectors (a MERGE marks replaced rows) or not (it
     *                        rewrites the files it touches); existing tables are brought to it when first written
     */
    public SilverWriter(SparkSession spark, LakePaths paths, CommitRetry retry, boolean deletionVectors) {
        this.spark = spark;
        this.paths = paths;
        this.retry = retry;
        this.deletionVectors = deletionVectors;
    }

    /**
     * Applies the decoded, non-poison change rows of one table.
     *
     * @param decoded rows of {@link TableLayout#decodedSchema()} without error (persisted by the caller)
     * @param stats   what the batch holds ({@link TableBatchStats#of})
     */
    public MergeOutcome write(TableLayout layout, Dataset<Row> decoded, TableBatchStats stats) {
        String table = layout.table();
        String path = paths.silver(table);
        boolean createdNow = false;
        if (!existing.contains(path)) {
            if (!DeltaTable.isDeltaTable(spark, path)) {
                if (layout.keyType().fields().length == 0) {
                    LOG.info("silver.{}: no keyed change yet, table not created", table);
                    return MergeOutcome.NONE;
                }
                create(path, layout);
                createdNow = true;
            }
            existing.add(path);
        }
        List<String> keyColumns = keyColumns(table, path);
        if (layout.keyType().fields().length > 0 && !layout.keyColumns().equals(keyColumns)) {
            throw new IllegalStateException("silver table " + table + " is keyed by " + keyColumns
                    + " but its Kafka key now has columns " + layout.keyColumns() + ". A primary-key change needs a"
                    + " rebuild: stop the job, delete " + path + " and the checkpoint, and re-snapshot the table.");
        }
        StructType silverSchema = evolve(table, path, layout.rowType());
        if (stats.truncateLsn().isPresent()) {
            retry.run("truncate of silver." + table, () -> truncate(table, path, silverSchema, keyColumns,
                    stats.truncateLsn().getAsLong(), stats.truncateTsMs()));
        }
        Column changes = col(TableLayout.OP).notEqual(Op.TRUNCATE.code());
        if (stats.truncateLsn().isPresent()) {
            changes = changes.and(col(TableLayout.LSN).gt(stats.truncateLsn().getAsLong()));
        }
        Dataset<Row> source = MergeSource.latestPerKey(decoded.filter(changes), layout, silverSchema, keyColumns,
                stats.anyUnavailable());
        if (createdNow) {
            // an empty table has no row to match: the first batch (the initial snapshot) is appended, not merged. A
            // replay finds the table filled and MERGEs under the guard, so the append needs no transaction id.
            return retry.run("first append to silver." + table, () -> appendFirst(table, path, source));
        }
        return retry.run("MERGE into silver." + table, () -> merge(table, path, silverSchema, source, keyColumns));
    }

    private MergeOutcome appendFirst(String table, String path, Dataset<Row> source) {
        Dataset<Row> rows = source.drop(MergeSource.UNAVAILABLE).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long n = rows.count();
            // as few files as the rows need: two small files (one per shuffle partition) made Delta's auto compaction
            // rewrite the table right after its first commit, 8-12 s of the first batch in a default demo
            rows.coalesce(filesForFirstAppend(n)).write().format("delta").mode(SaveMode.Append).save(path);
            LOG.info("silver.{}: first batch appended ({} rows)", table, n);
            return new MergeOutcome(n, 0, n);
        } finally {
            rows.unpersist();
        }
    }

    /** Files of the first append: one per {@value #ROWS_PER_FIRST_FILE} rows, at least one (at most a partition each). */
    static int filesForFirstAppend(long rows) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (rows + ROWS_PER_FIRST_FILE - 1) / ROWS_PER_FIRST_FILE));
    }

    /**
     * One MERGE: the latest change per key against the stored row, applied only when it comes later in the source
     * ((LSN, position) greater than the stored row's), so a replayed or older change never moves a row back. An
     * unavailable (unchanged TOAST) column keeps the stored value of a live row; a delete leaves a tombstone.
     */
    private MergeOutcome merge(String table, String path, StructType silverSchema, Dataset<Row> source,
                               List<String> keyColumns) {
        Column on = null;
        for (String c : keyColumns) {
            Column equal = col("t." + quote(c)).equalTo(col("s." + quote(c)));
            on = on == null ? equal : on.and(equal);
        }
        Column later = later();
        Map<String, Column> update = new LinkedHashMap<>();
        Map<String, Column> insert = new LinkedHashMap<>();
        for (String column : silverSchema.fieldNames()) {
            Column s = col("s." + quote(column));
            insert.put(quote(column), s);
            boolean keepsStored = !SilverColumns.isMetadata(column) && !keyColumns.contains(column);
            update.put(quote(column), keepsStored
                    ? when(array_contains(col("s." + MergeSource.UNAVAILABLE), column)
                            .and(not(col("t." + SilverColumns.DELETED))), col("t." + quote(column))).otherwise(s)
                    : s);
        }
        Row metrics = deltaTable(path).as("t").merge(source.as("s"), on)
                .whenMatched(later).update(update)
                .whenNotMatched().insert(insert)
                .execute().first();
        MergeOutcome outcome = new MergeOutcome(longField(metrics, "num_inserted_rows"),
                longField(metrics, "num_updated_rows"), longField(metrics, "num_source_rows"));
        LOG.debug("silver.{}: {} rows inserted, {} updated", table, outcome.rowsInserted(), outcome.rowsUpdated());
        return outcome;
    }

    /**
     * The change comes later in the source than the stored row ({@link io.tributary.lakehouse.cdc.ChangeOrder}): by
     * commit when both last commits are known and differ, else by LSN, then position. A stored row written before silver
     * kept the last commit has none, and is ordered by LSN as it always was.
     */
    static Column later() {
        Column sCommit = col("s." + SilverColumns.LAST_COMMIT_LSN);
        Column tCommit = col("t." + SilverColumns.LAST_COMMIT_LSN);
        Column byLsn = col("s." + SilverColumns.LSN).gt(col("t." + SilverColumns.LSN))
                .or(col("s." + SilverColumns.LSN).equalTo(col("t." + SilverColumns.LSN))
                        .and(col("s." + SilverColumns.POSITION).gt(coalesce(col("t." + SilverColumns.POSITION), lit(-1L)))));
        return when(sCommit.isNotNull().and(tCommit.isNotNull()).and(sCommit.notEqual(tCommit)), sCommit.gt(tCommit))
                .otherwise(byLsn);
    }

    /** A truncate: every stored row older than it becomes a tombstone at the truncate's LSN (idempotent). */
    private Void truncate(String table, String path, StructType silverSchema, List<String> keyColumns,
                          long truncateLsn, long truncateTsMs) {
        Map<String, Column> set = new LinkedHashMap<>();
        for (StructField f : SilverColumns.dataColumns(silverSchema).fields()) {
            if (!keyColumns.contains(f.name())) {
                set.put(quote(f.name()), lit(null).cast(f.dataType()));
            }
        }
        set.put(SilverColumns.LSN, lit(truncateLsn));
        set.put(SilverColumns.POSITION, lit(-1L));
        set.put(SilverColumns.OP, lit(Op.TRUNCATE.code()));
        set.put(SilverColumns.DELETED, lit(true));
        set.put(SilverColumns.SOURCE_TS_MS, lit(truncateTsMs));
        set.put(SilverColumns.INGESTED_AT, current_timestamp());
        // ordered by its LSN alone: a change older than the truncate, replayed, must not come back by its commit order
        set.put(SilverColumns.LAST_COMMIT_LSN, lit(null).cast("long"));
        deltaTable(path).update(col(SilverColumns.LSN).lt(truncateLsn), set);
        LOG.info("silver.{}: truncated at LSN {}", table, truncateLsn);
        return null;
    }

    private void create(String path, TableLayout layout) {
        StructType schema = SilverColumns.silverSchema(layout.rowType());
        spark.sql("CREATE TABLE IF NOT EXISTS " + LakePaths.deltaRef(path) + " (" + schema.toDDL() + ") USING delta"
                + " TBLPROPERTIES ('delta.enableTypeWidening' = 'true', '" + DELETION_VECTORS_PROPERTY + "' = '" + deletionVectors + "', '" + SilverColumns.KEY_PROPERTY + "' = '"
                + String.join(",", layout.keyColumns()) + "')");
        LOG.info("silver.{}: created at {} keyed by {}", layout.table(), path, layout.keyColumns());
    }

    /** Brings the table's schema up to the incoming columns; returns the silver schema in force. */
    private StructType evolve(String table, String path, StructType incoming) {
        StructType known = knownSchemas.get(path);
        if (known != null && SchemaEvolution.plan(table, SilverColumns.dataColumns(known), incoming).isEmpty()) {
            return known;
        }
        StructType stored = spark.read().format("delta").load(path).schema();
        boolean metadataAdded = addMissingMetadata(table, path, stored);
        StructType current = SilverColumns.dataColumns(stored);
        List<SchemaEvolution.Step> steps = SchemaEvolution.plan(table, current, incoming);
        List<String> asText = new ArrayList<>();
        for (SchemaEvolution.Step step : steps) {
            if (step instanceof SchemaEvolution.AlterStep alter) {
                String sql = alter.sql(LakePaths.deltaRef(path));
                LOG.info("silver.{}: schema change: {}", table, sql);
                retry.run("schema change of silver." + table, () -> spark.sql(sql));
            } else {
                asText.add(step.column());
            }
        }
        if (!asText.isEmpty()) {
            LOG.info("silver.{}: columns {} became text in PostgreSQL: rewriting the table", table, asText);
            retry.run("rewrite of silver." + table, () -> {
                TextRetype.silver(spark, path, asText);
                return null;
            });
        }
        if (!steps.isEmpty() || metadataAdded) {
            deltaTables.remove(path);
        }
        StructType schema = spark.read().format("delta").load(path).schema();
        knownSchemas.put(path, schema);
        return schema;
    }

    /** A table created before a metadata column existed gets it (null in its rows); returns whether one was added. */
    private boolean addMissingMetadata(String table, String path, StructType stored) {
        List<String> present = Arrays.asList(stored.fieldNames());
        List<String> missing = SilverColumns.METADATA.stream().filter(f -> !present.contains(f.name()))
                .map(f -> quote(f.name()) + " " + f.dataType().sql()).toList();
        if (missing.isEmpty()) {
            return false;
        }
        String sql = "ALTER TABLE " + LakePaths.deltaRef(path) + " ADD COLUMNS (" + String.join(", ", missing) + ")";
        LOG.info("silver.{}: metadata columns added: {}", table, sql);
        retry.run("metadata columns of silver." + table, () -> spark.sql(sql));
        return true;
    }

    /**
     * The table's key columns, from its properties read once per table; that one read also serves
     * {@link #alignDeletionVectors}.
     */
    private List<String> keyColumns(String table, String path) {
        return keyColumnsByTable.computeIfAbsent(table, t -> {
            scala.collection.Map<String, String> properties = deltaTable(path).detail().first().getAs("properties");
            String value = properties.get(SilverColumns.KEY_PROPERTY).getOrElse(() -> "");
            if (value.isBlank()) {
                throw new IllegalStateException("silver table " + path + " has no " + SilverColumns.KEY_PROPERTY
                        + " property: it was not created by this job. Move it away and let the job recreate it.");
            }
            alignDeletionVectors(table, path, properties);
            return List.of(value.split(","));
        });
    }

    /** Brings the table's deletion vectors to the writer's setting (one logged ALTER TABLE when they differ). */
    private void alignDeletionVectors(String table, String path, scala.collection.Map<String, String> properties) {
        boolean stored = Boolean.parseBoolean(properties.get(DELETION_VECTORS_PROPERTY).getOrElse(() -> "false"));
        if (stored == deletionVectors) {
            return;
        }
        String sql = "ALTER TABLE " + LakePaths.deltaRef(path) + " SET TBLPROPERTIES ('" + DELETION_VECTORS_PROPERTY
                + "' = '" + deletionVectors + "')";
        LOG.info("silver.{}: deletion vectors {} (TRIBUTARY_LAKEHOUSE_SILVER_DELETION_VECTORS): {}", table,
                deletionVectors ? "on" : "off", sql);
        retry.run("deletion vectors of silver." + table, () -> spark.sql(sql));
        deltaTables.remove(path);
    }

    private DeltaTable deltaTable(String path) {
        return deltaTables.computeIfAbsent(path, p -> DeltaTable.forPath(spark, p));
    }

    private static long longField(Row row, String name) {
        List<String> names = Arrays.asList(row.schema().fieldNames());
        return names.contains(name) && !row.isNullAt(names.indexOf(name)) ? row.getLong(names.indexOf(name)) : 0L;
    }

    static String quote(String identifier) {
        return SchemaEvolution.quote(identifier);
    }
}
