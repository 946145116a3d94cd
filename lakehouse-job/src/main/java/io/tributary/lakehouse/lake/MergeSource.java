package io.tributary.lakehouse.lake;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;

import io.tributary.lakehouse.cdc.BatchReducer;
import io.tributary.lakehouse.cdc.Change;
import io.tributary.lakehouse.cdc.Op;
import io.tributary.lakehouse.decode.Envelopes;
import io.tributary.lakehouse.decode.TableLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The source of a silver MERGE: a table's decoded changes of one batch, shaped as silver rows (every silver column in
 * table order, cast to its type, plus {@value #UNAVAILABLE}) and reduced to the latest change per key in source order
 * (commit order, then LSN, then position: {@link io.tributary.lakehouse.cdc.ChangeOrder}). The MERGE itself applies the
 * cross-batch guard and keeps stored values of unavailable columns.
 *
 * <p>The common case is one aggregate ({@code max_by} over (last commit LSN, LSN, position)), planned identically every batch. When
 * some change lacks unchanged TOAST columns, a change may need an earlier image of the same key in the same batch:
 * then the changes of each key are folded by {@link BatchReducer}, which fills them.
 */
public final class MergeSource {

    /** Columns of the change whose value PostgreSQL did not send (unchanged TOAST): the stored value stays. */
    public static final String UNAVAILABLE = "__unavailable";

    private MergeSource() {
    }

    /** The latest change per key; {@code fillToast} folds earlier images into unavailable columns first. */
    public static Dataset<Row> latestPerKey(Dataset<Row> decoded, TableLayout layout, StructType silverSchema,
                                            List<String> keyColumns, boolean fillToast) {
        Dataset<Row> changes = changeRows(decoded, layout, silverSchema, keyColumns);
        return fillToast ? folded(changes, keyColumns) : latest(changes, keyColumns);
    }

    /** Decoded change rows (no truncates) as silver rows: key columns from the Kafka key, the rest from after. */
    static Dataset<Row> changeRows(Dataset<Row> decoded, TableLayout layout, StructType silverSchema,
                                   List<String> keyColumns) {
        Set<String> incoming = new HashSet<>(Arrays.asList(layout.rowType().fieldNames()));
        List<Column> columns = new ArrayList<>();
        for (StructField f : silverSchema.fields()) {
            String q = SchemaEvolution.quote(f.name());
            Column value = switch (f.name()) {
                case SilverColumns.LSN -> col(TableLayout.LSN);
                case SilverColumns.POSITION -> col(TableLayout.OFFSET);
                case SilverColumns.OP -> col(TableLayout.OP);
                case SilverColumns.DELETED -> col(TableLayout.OP).equalTo(Op.DELETE.code());
                case SilverColumns.SOURCE_TS_MS -> col(TableLayout.SOURCE_TS_MS);
                case SilverColumns.INGESTED_AT -> col(TableLayout.INGESTED_AT);
                case SilverColumns.LAST_COMMIT_LSN -> lastCommitLsn(layout);
                default -> keyColumns.contains(f.name()) ? col(TableLayout.KEY + "." + q).cast(f.dataType())
                        : incoming.contains(f.name()) ? col(TableLayout.AFTER + "." + q).cast(f.dataType())
                        : lit(null).cast(f.dataType());
            };
            columns.add(value.as(f.name()));
        }
        columns.add(col(TableLayout.UNAVAILABLE).as(UNAVAILABLE));
        return decoded.select(columns.toArray(Column[]::new));
    }

    /** {@code source.sequence[0]} as a number: null when the source block has no sequence or it starts with null. */
    static Column lastCommitLsn(TableLayout layout) {
        if (!Arrays.asList(layout.sourceType().fieldNames()).contains(Envelopes.SOURCE_SEQUENCE)) {
            return lit(null).cast("long");
        }
        // a JSON array of strings or null; try_cast: an unexpected value orders as unknown rather than failing the batch
        return from_json(col(TableLayout.SOURCE + "." + Envelopes.SOURCE_SEQUENCE),
                DataTypes.createArrayType(DataTypes.StringType)).getItem(0).try_cast("long");
    }

    private static Dataset<Row> latest(Dataset<Row> changes, List<String> keyColumns) {
        List<String> rest = Arrays.stream(changes.columns()).filter(c -> !keyColumns.contains(c)).toList();
        // ChangeOrder: an unknown last commit counts as the earliest
        Column latest = max_by(struct(rest.stream().map(c -> col(SchemaEvolution.quote(c))).toArray(Column[]::new)),
                struct(coalesce(col(SilverColumns.LAST_COMMIT_LSN), lit(Long.MIN_VALUE)), col(SilverColumns.LSN),
                        col(SilverColumns.POSITION)));
        Dataset<Row> reduced = changes.groupBy(keyColumns.stream().map(c -> col(SchemaEvolution.quote(c)))
                        .toArray(Column[]::new))
                .agg(latest.as("__latest"));
        return reduced.select(Arrays.stream(changes.columns())
                .map(c -> keyColumns.contains(c) ? col(SchemaEvolution.quote(c))
                        : col("__latest." + SchemaEvolution.quote(c)).as(c))
                .toArray(Column[]::new));
    }

    private static Dataset<Row> folded(Dataset<Row> changes, List<String> keyColumns) {
        StructType schema = changes.schema();
        RowChanges rows = new RowChanges(schema, keyColumns);
        StructType keyType = new StructType(keyColumns.stream().map(schema::apply).toArray(StructField[]::new));
        MapFunction<Row, Row> key = rows::key;
        FlatMapGroupsFunction<Row, Row, Row> fold = (k, it) -> rows.fold(it);
        return changes.groupByKey(key, Encoders.row(keyType)).flatMapGroups(fold, Encoders.row(schema));
    }

    /** Converts flat change rows to {@link Change}s and back, for the TOAST fold (runs on the executors). */
    static final class RowChanges implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private static final BatchReducer REDUCER = new BatchReducer();

        private final StructType schema;
        private final int[] keyIndexes;
        private final List<String> dataColumns;

        RowChanges(StructType schema, List<String> keyColumns) {
            this.schema = schema;
            this.keyIndexes = keyColumns.stream().mapToInt(schema::fieldIndex).toArray();
            this.dataColumns = Arrays.stream(schema.fieldNames())
                    .filter(c -> !SilverColumns.isMetadata(c) && !UNAVAILABLE.equals(c)).toList();
        }

        Row key(Row r) {
            Object[] values = new Object[keyIndexes.length];
            for (int i = 0; i < keyIndexes.length; i++) {
                values[i] = r.get(keyIndexes[i]);
            }
            return new GenericRowWithSchema(values, null);
        }

        java.util.Iterator<Row> fold(java.util.Iterator<Row> rowsOfKey) {
            List<Change> changes = new ArrayList<>();
            Object ingestedAt = null;
            while (rowsOfKey.hasNext()) {
                Row r = rowsOfKey.next();
                changes.add(change(r));
                ingestedAt = r.getAs(SilverColumns.INGESTED_AT);
            }
            List<Change> reduced = REDUCER.reduce(changes).changes();
            List<Row> out = new ArrayList<>(reduced.size());
            for (Change c : reduced) {
                out.add(row(c, ingestedAt));
            }
            return out.iterator();
        }

        Change change(Row r) {
            List<Object> key = new ArrayList<>();
            for (int i : keyIndexes) {
                key.add(r.get(i));
            }
            Op op = Op.fromCode(r.getAs(SilverColumns.OP));
            Long ts = r.getAs(SilverColumns.SOURCE_TS_MS);
            return new Change(key, op, r.<Long>getAs(SilverColumns.LSN), r.<Long>getAs(SilverColumns.POSITION),
                    ChangeRowImage.values(r, op, dataColumns), ChangeRowImage.unavailable(r, UNAVAILABLE),
                    ts == null ? 0L : ts, r.<Long>getAs(SilverColumns.LAST_COMMIT_LSN));
        }

        Row row(Change c, Object ingestedAt) {
            String[] names = schema.fieldNames();
            Object[] values = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                values[i] = switch (names[i]) {
                    case SilverColumns.LSN -> c.lsn();
                    case SilverColumns.POSITION -> c.position();
                    case SilverColumns.OP -> c.op().code();
                    case SilverColumns.DELETED -> c.op() == Op.DELETE;
                    case SilverColumns.SOURCE_TS_MS -> c.sourceTsMs();
                    case SilverColumns.INGESTED_AT -> ingestedAt;
                    case SilverColumns.LAST_COMMIT_LSN -> c.lastCommitLsn();
                    case UNAVAILABLE -> CollectionConverters.asScala(new ArrayList<>(c.unavailable())).toSeq();
                    default -> c.values().get(names[i]);
                };
            }
            for (int i = 0; i < keyIndexes.length; i++) {
                values[keyIndexes[i]] = c.key().get(i);
            }
            return new GenericRowWithSchema(values, schema);
        }
    }
}
