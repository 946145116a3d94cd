package io.tributary.lakehouse.history;

import io.tributary.lakehouse.cdc.Change;
import io.tributary.lakehouse.cdc.Op;
import io.tributary.lakehouse.lake.ChangeRowImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * Converts the rows the history fold reads and writes on the executors: change rows (data columns, then
 * {@value #OP_IN}, {@value #LSN_IN}, {@value #POSITION_IN}, {@value #TS_IN}, {@value #UNAVAILABLE_IN}) to
 * {@link Change}s, and version rows (data columns, then {@value #FROM_MS}, {@value #TO_MS} and the history metadata
 * except the two timestamps) to and from {@link HistoryVersion}s.
 */
final class HistoryRows implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    static final String OP_IN = "__op";
    static final String LSN_IN = "__lsn";
    static final String POSITION_IN = "__position";
    static final String TS_IN = "__source_ts_ms";
    static final String UNAVAILABLE_IN = "__unavailable";
    static final String FROM_MS = "__valid_from_ms";
    static final String TO_MS = "__valid_to_ms";

    private final List<String> dataColumns;
    private final List<String> keyColumns;
    private final StructType versionSchema;
    private final List<Change> truncates;
    private final HistoryFold fold = new HistoryFold();

    /**
     * @param versionSchema the fold's output schema ({@link #versionSchema})
     * @param truncates     the table's new truncates, applied to every key
     */
    HistoryRows(List<String> dataColumns, List<String> keyColumns, StructType versionSchema, List<Change> truncates) {
        this.dataColumns = List.copyOf(dataColumns);
        this.keyColumns = List.copyOf(keyColumns);
        this.versionSchema = versionSchema;
        this.truncates = List.copyOf(truncates);
    }

    /** Data columns, then the fold's metadata with the two timestamps as epoch millis. */
    static StructType versionSchema(StructType dataColumns) {
        StructType s = new StructType();
        for (var f : dataColumns.fields()) {
            s = s.add(f.name(), f.dataType(), true);
        }
        return s.add(FROM_MS, org.apache.spark.sql.types.DataTypes.LongType, false)
                .add(TO_MS, org.apache.spark.sql.types.DataTypes.LongType, true)
                .add(HistoryColumns.IS_CURRENT, org.apache.spark.sql.types.DataTypes.BooleanType, false)
                .add(HistoryColumns.LSN_FROM, org.apache.spark.sql.types.DataTypes.LongType, false)
                .add(HistoryColumns.POSITION_FROM, org.apache.spark.sql.types.DataTypes.LongType, false)
                .add(HistoryColumns.LSN_TO, org.apache.spark.sql.types.DataTypes.LongType, true)
                .add(HistoryColumns.POSITION_TO, org.apache.spark.sql.types.DataTypes.LongType, true)
                .add(HistoryColumns.OP, org.apache.spark.sql.types.DataTypes.StringType, false);
    }

    /** The fold of one key: its new change rows and its latest stored version row (at most one). */
    Iterator<Row> fold(Iterator<Row> changeRows, Iterator<Row> latestRows) {
        HistoryVersion latest = latestRows.hasNext() ? version(latestRows.next()) : null;
        List<Change> changes = new ArrayList<>(truncates);
        changeRows.forEachRemaining(r -> changes.add(change(r)));
        List<Row> out = new ArrayList<>();
        for (HistoryVersion v : fold.fold(latest, changes)) {
            out.add(row(v));
        }
        return out.iterator();
    }

    Change change(Row r) {
        Op op = Op.fromCode(r.getAs(OP_IN));
        Long ts = r.getAs(TS_IN);
        return new Change(key(r), op, r.<Long>getAs(LSN_IN), r.<Long>getAs(POSITION_IN),
                ChangeRowImage.values(r, op, dataColumns), ChangeRowImage.unavailable(r, UNAVAILABLE_IN),
                ts == null ? 0L : ts);
    }

    HistoryVersion version(Row r) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String c : dataColumns) {
            values.put(c, r.getAs(c));
        }
        return new HistoryVersion(key(r), values, Op.fromCode(r.getAs(HistoryColumns.OP)),
                r.<Long>getAs(HistoryColumns.LSN_FROM), r.<Long>getAs(HistoryColumns.POSITION_FROM),
                r.<Long>getAs(FROM_MS), r.getAs(HistoryColumns.LSN_TO), r.getAs(HistoryColumns.POSITION_TO),
                r.getAs(TO_MS), null);
    }

    Row row(HistoryVersion v) {
        String[] names = versionSchema.fieldNames();
        Object[] values = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = switch (names[i]) {
                case FROM_MS -> v.validFromMs();
                case TO_MS -> v.validToMs();
                case HistoryColumns.IS_CURRENT -> v.current();
                case HistoryColumns.LSN_FROM -> v.lsnFrom();
                case HistoryColumns.POSITION_FROM -> v.positionFrom();
                case HistoryColumns.LSN_TO -> v.lsnTo();
                case HistoryColumns.POSITION_TO -> v.positionTo();
                case HistoryColumns.OP -> v.op().code();
                default -> v.values().get(names[i]);
            };
        }
        for (int i = 0; i < keyColumns.size(); i++) {
            values[Arrays.asList(names).indexOf(keyColumns.get(i))] = v.key().get(i);
        }
        return new GenericRowWithSchema(values, versionSchema);
    }

    Row key(Row r, StructType keyType) {
        Object[] values = new Object[keyColumns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.getAs(keyColumns.get(i));
        }
        return new GenericRowWithSchema(values, keyType);
    }

    private List<Object> key(Row r) {
        List<Object> key = new ArrayList<>();
        for (String c : keyColumns) {
            key.add(r.getAs(c));
        }
        return key;
    }
}
