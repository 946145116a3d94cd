package io.tributary.lakehouse.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import io.tributary.lakehouse.cdc.Change;
import io.tributary.lakehouse.cdc.MergePlanner;
import io.tributary.lakehouse.cdc.SilverRow;
import io.tributary.lakehouse.decode.TableLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code silver/<table>} equal to the source table: evolves its schema, joins the batch's changes to the
 * stored rows of their keys, lets {@link MergePlanner} decide each key, and MERGEs the decided rows. The MERGE also
 * carries the LSN guard ({@code s._lsn > t._lsn}), so a decision computed from a stale read can never move a row
 * back in time.
 */
public final class SilverWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SilverWriter.class);

    private final SparkSession spark;
    private final LakePaths paths;
    private final CommitRetry retry;
    private final Map<String, List<String>> keyColumnsByTable = new ConcurrentHashMap<>();
    private final Map<String, DeltaTable> deltaTables = new ConcurrentHashMap<>();
    private final java.util.Set<String> existing = ConcurrentHashMap.newKeySet();
    /** The last schema seen per table: a batch with the same columns skips the schema check. */
    private final Map<String, StructType> knownSchemas = new ConcurrentHashMap<>();

    public SilverWriter(SparkSession spark, LakePaths paths, CommitRetry retry) {
        this.spark = spark;
        this.paths = paths;
        this.retry = retry;
    }

    /**
     * Applies the decoded, non-poison change rows of one table.
     *
     * @param decoded     rows of {@link TableLayout#decodedSchema()} without error (persisted by the caller)
     * @param truncateLsn LSN of the latest truncate among them, if any
     * @param truncateTs  its source commit time
     */
    public MergeOutcome write(TableLayout layout, Dataset<Row> decoded, OptionalLong truncateLsn, long truncateTs) {
        String table = layout.table();
        String path = paths.silver(table);
        if (!existing.contains(path)) {
            if (!DeltaTable.isDeltaTable(spark, path)) {
                if (layout.keyType().fields().length == 0) {
                    LOG.info("silver.{}: no keyed change yet, table not created", table);
                    return MergeOutcome.NONE;
                }
                create(path, layout);
            }
            existing.add(path);
        }
        List<String> keyColumns = keyColumns(table, path);
        if (layout.keyType().fields().length > 0 && !layout.keyColumns().equals(keyColumns)) {
            throw new IllegalStateException("silver table " + table + " is keyed by " + keyColumns
                    + " but its Kafka key now has columns " + layout.keyColumns() + ". A primary-key change needs a"
                    + " rebuild: stop the job, delete " + path + " and the checkpoint, and re-snapshot the table.");
        }
        evolve(table, path, layout.rowType());
        return retry.run("MERGE into silver." + table, () -> merge(table, path, layout, decoded, keyColumns, truncateLsn,
                truncateTs));
    }

    private MergeOutcome merge(String table, String path, TableLayout layout, Dataset<Row> decoded,
                               List<String> keyColumns, OptionalLong truncateLsn, long truncateTs) {
        Dataset<Row> current = spark.read().format("delta").load(path);
        StructType silverSchema = current.schema();
        SilverRows rows = new SilverRows(silverSchema, keyColumns);

        Dataset<Row> changes = changeRows(decoded.filter(col(TableLayout.OP).notEqual("t")), layout, silverSchema,
                keyColumns);
        Column storedKey = struct(keyColumns.stream().map(c -> col(quote(c))).toArray(Column[]::new));
        Dataset<Row> stored = current.withColumn(SilverRows.GROUP_KEY, storedKey);
        if (truncateLsn.isEmpty()) {
            stored = stored.join(changes.select(SilverRows.GROUP_KEY).distinct(),
                    stored.col(SilverRows.GROUP_KEY).equalTo(changes.col(SilverRows.GROUP_KEY)), "left_semi");
        }
        StructType keyType = (StructType) stored.schema().apply(SilverRows.GROUP_KEY).dataType();
        MapFunction<Row, Row> groupKey = r -> r.getAs(SilverRows.GROUP_KEY);
        MergePlanner planner = new MergePlanner(keyColumns, rows.dataColumns());
        Instant ingestedAt = Instant.now();
        Long truncateAt = truncateLsn.isPresent() ? truncateLsn.getAsLong() : null; // OptionalLong is not serializable
        CoGroupFunction<Row, Row, Row, Row> decide = (key, changeIt, storedIt) ->
                decideKey(rows, planner, changeIt, storedIt,
                        truncateAt == null ? OptionalLong.empty() : OptionalLong.of(truncateAt), truncateTs, ingestedAt);

        Dataset<Row> decided = changes.groupByKey(groupKey, Encoders.row(keyType))
                .cogroup(stored.groupByKey(groupKey, Encoders.row(keyType)), decide, Encoders.row(silverSchema))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long decidedRows = decided.count();
            if (decidedRows == 0) {
                LOG.debug("silver.{}: nothing newer than the stored rows", table);
                return MergeOutcome.NONE;
            }
            Map<String, String> assignments = new LinkedHashMap<>();
            for (String column : silverSchema.fieldNames()) {
                assignments.put(quote(column), "s." + quote(column));
            }
            String on = String.join(" AND ", keyColumns.stream()
                    .map(c -> "t." + quote(c) + " = s." + quote(c)).toList());
            Row metrics = deltaTable(path).as("t").merge(decided.as("s"), on)
                    .whenMatched("s." + SilverColumns.LSN + " > t." + SilverColumns.LSN).updateExpr(assignments)
                    .whenNotMatched().insertExpr(assignments)
                    .execute().first();
            MergeOutcome outcome = new MergeOutcome(longField(metrics, "num_inserted_rows"),
                    longField(metrics, "num_updated_rows"), decidedRows);
            LOG.info("silver.{}: merged {} rows ({} inserted, {} updated){}", table, decidedRows,
                    outcome.rowsInserted(), outcome.rowsUpdated(),
                    truncateLsn.isPresent() ? ", truncate at LSN " + truncateLsn.getAsLong() : "");
            return outcome;
        } finally {
            decided.unpersist();
        }
    }

    private static Iterator<Row> decideKey(SilverRows rows, MergePlanner planner, Iterator<Row> changeIt,
                                           Iterator<Row> storedIt, OptionalLong truncateLsn, long truncateTs,
                                           Instant ingestedAt) {
        Optional<SilverRow> stored = Optional.empty();
        if (storedIt.hasNext()) {
            stored = Optional.of(rows.stored(storedIt.next()));
            if (storedIt.hasNext()) {
                throw new IllegalStateException("silver table holds two rows for key " + stored.get().values()
                        + " (keys " + rows.keyColumns() + "); the table is corrupt: rebuild it");
            }
        }
        List<Change> changes = new ArrayList<>();
        changeIt.forEachRemaining(r -> changes.add(rows.change(r)));
        return planner.planKey(stored, changes, truncateLsn, truncateTs)
                .map(r -> List.of(rows.toRow(r, ingestedAt)).iterator())
                .orElse(java.util.Collections.emptyIterator());
    }

    /** Projects decoded rows to what the planner needs, cast to the silver column types. */
    static Dataset<Row> changeRows(Dataset<Row> decoded, TableLayout layout, StructType silverSchema,
                                   List<String> keyColumns) {
        List<String> incoming = Arrays.asList(layout.rowType().fieldNames());
        Column key = struct(keyColumns.stream()
                .map(c -> col(TableLayout.KEY + "." + quote(c)).cast(typeOf(silverSchema, c)).as(c))
                .toArray(Column[]::new));
        List<Column> afterColumns = new ArrayList<>();
        for (StructField f : SilverColumns.dataColumns(silverSchema).fields()) {
            Column value = incoming.contains(f.name())
                    ? col(TableLayout.AFTER + "." + quote(f.name())).cast(f.dataType())
                    : lit(null).cast(f.dataType());
            afterColumns.add(value.as(f.name()));
        }
        Column afterStruct = struct(afterColumns.toArray(Column[]::new));
        Column after = when(col(TableLayout.AFTER).isNull(), lit(null).cast(SilverColumns.dataColumns(silverSchema)))
                .otherwise(afterStruct);
        return decoded.select(key.as(SilverRows.GROUP_KEY), col(TableLayout.OP), col(TableLayout.LSN),
                col(TableLayout.OFFSET), col(TableLayout.SOURCE_TS_MS), col(TableLayout.UNAVAILABLE),
                after.as(SilverRows.CHANGE_AFTER));
    }

    private void create(String path, TableLayout layout) {
        StructType schema = SilverColumns.silverSchema(layout.rowType());
        spark.sql("CREATE TABLE IF NOT EXISTS " + LakePaths.deltaRef(path) + " (" + schema.toDDL() + ") USING delta"
                + " TBLPROPERTIES ('delta.enableTypeWidening' = 'true', 'delta.enableDeletionVectors' = 'true', '" + SilverColumns.KEY_PROPERTY + "' = '"
                + String.join(",", layout.keyColumns()) + "')");
        LOG.info("silver.{}: created at {} keyed by {}", layout.table(), path, layout.keyColumns());
    }

    private void evolve(String table, String path, StructType incoming) {
        StructType known = knownSchemas.get(path);
        if (known != null && SchemaEvolution.plan(table, SilverColumns.dataColumns(known), incoming).isEmpty()) {
            return;
        }
        StructType current = SilverColumns.dataColumns(spark.read().format("delta").load(path).schema());
        List<SchemaEvolution.Step> steps = SchemaEvolution.plan(table, current, incoming);
        for (SchemaEvolution.Step step : steps) {
            String sql = step.sql(LakePaths.deltaRef(path));
            LOG.info("silver.{}: schema change: {}", table, sql);
            retry.run("schema change of silver." + table, () -> spark.sql(sql));
        }
        if (!steps.isEmpty()) {
            deltaTables.remove(path);
        }
        knownSchemas.put(path, spark.read().format("delta").load(path).schema());
    }

    private List<String> keyColumns(String table, String path) {
        return keyColumnsByTable.computeIfAbsent(table, t -> {
            String value = deltaTable(path).detail().first().<scala.collection.Map<String, String>>getAs("properties")
                    .get(SilverColumns.KEY_PROPERTY).getOrElse(() -> "");
            if (value.isBlank()) {
                throw new IllegalStateException("silver table " + path + " has no " + SilverColumns.KEY_PROPERTY
                        + " property: it was not created by this job. Move it away and let the job recreate it.");
            }
            return List.of(value.split(","));
        });
    }

    private DeltaTable deltaTable(String path) {
        return deltaTables.computeIfAbsent(path, p -> DeltaTable.forPath(spark, p));
    }

    private static DataType typeOf(StructType schema, String column) {
        return schema.apply(column).dataType();
    }

    private static long longField(Row row, String name) {
        List<String> names = Arrays.asList(row.schema().fieldNames());
        return names.contains(name) && !row.isNullAt(names.indexOf(name)) ? row.getLong(names.indexOf(name)) : 0L;
    }

    static String quote(String identifier) {
        return SchemaEvolution.quote(identifier);
    }
}
