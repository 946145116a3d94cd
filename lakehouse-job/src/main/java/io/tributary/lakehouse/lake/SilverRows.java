package io.tributary.lakehouse.lake;

import io.tributary.lakehouse.cdc.Change;
import io.tributary.lakehouse.cdc.Op;
import io.tributary.lakehouse.cdc.SilverRow;
import io.tributary.lakehouse.decode.TableLayout;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Converts between Spark rows and the pure model ({@link Change}, {@link SilverRow}) for one silver table.
 * Serializable: used inside the cogroup function on the executors.
 */
public final class SilverRows implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String GROUP_KEY = "__k";
    public static final String CHANGE_AFTER = "__after";

    private final StructType silverSchema;
    private final List<String> keyColumns;
    private final List<String> dataColumns;

    public SilverRows(StructType silverSchema, List<String> keyColumns) {
        this.silverSchema = silverSchema;
        this.keyColumns = List.copyOf(keyColumns);
        this.dataColumns = List.of(SilverColumns.dataColumns(silverSchema).fieldNames());
    }

    public StructType silverSchema() {
        return silverSchema;
    }

    public List<String> dataColumns() {
        return dataColumns;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    /** A change row: {@code __k}, op, _lsn, _offset, _source_ts_ms, _unavailable_columns, {@code __after}. */
    public Change change(Row r) {
        Row key = r.getAs(GROUP_KEY);
        List<Object> keyValues = new ArrayList<>();
        if (key != null) {
            for (int i = 0; i < key.length(); i++) {
                keyValues.add(key.get(i));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Row after = r.getAs(CHANGE_AFTER);
        if (after != null) {
            String[] names = after.schema().fieldNames();
            for (int i = 0; i < names.length; i++) {
                values.put(names[i], after.get(i));
            }
        }
        Set<String> unavailable = new HashSet<>();
        scala.collection.Seq<String> seq = r.getAs(TableLayout.UNAVAILABLE);
        if (seq != null) {
            unavailable.addAll(CollectionConverters.asJava(seq));
        }
        Long sourceTs = r.getAs(TableLayout.SOURCE_TS_MS);
        return new Change(keyValues, Op.fromCode(r.getAs(TableLayout.OP)), r.<Long>getAs(TableLayout.LSN),
                r.<Long>getAs(TableLayout.OFFSET), values, unavailable, sourceTs == null ? 0L : sourceTs);
    }

    /** A stored silver row. */
    public SilverRow stored(Row r) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String column : dataColumns) {
            values.put(column, r.getAs(column));
        }
        Long position = r.getAs(SilverColumns.POSITION);
        Long sourceTs = r.getAs(SilverColumns.SOURCE_TS_MS);
        return new SilverRow(values, r.<Long>getAs(SilverColumns.LSN), position == null ? -1L : position,
                Op.fromCode(r.getAs(SilverColumns.OP)), r.<Boolean>getAs(SilverColumns.DELETED),
                sourceTs == null ? 0L : sourceTs);
    }

    /** The Spark row of a silver row, in silver column order (columns added later sit after the metadata). */
    public Row toRow(SilverRow row, Instant ingestedAt) {
        Object[] values = new Object[silverSchema.fields().length];
        String[] names = silverSchema.fieldNames();
        for (int i = 0; i < names.length; i++) {
            values[i] = switch (names[i]) {
                case SilverColumns.LSN -> row.lsn();
                case SilverColumns.POSITION -> row.position();
                case SilverColumns.OP -> row.op().code();
                case SilverColumns.DELETED -> row.deleted();
                case SilverColumns.SOURCE_TS_MS -> row.sourceTsMs();
                case SilverColumns.INGESTED_AT -> ingestedAt;
                default -> row.values().get(names[i]);
            };
        }
        return new GenericRowWithSchema(values, silverSchema);
    }
}
