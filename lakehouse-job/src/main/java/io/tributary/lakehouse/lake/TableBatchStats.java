package io.tributary.lakehouse.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import io.tributary.lakehouse.decode.TableLayout;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * What one table's decoded changes of a micro-batch hold, from a single aggregate over them: how many, the newest
 * source commit time (freshness), the latest truncate, whether any change lacks unchanged TOAST columns, and the
 * range of a single-column key (lets the silver MERGE skip files whose key range lies outside the batch's).
 *
 * @param changes        decoded changes (truncates included)
 * @param maxSourceTsMs  newest source commit time among them
 * @param truncateLsn    LSN of the latest truncate
 * @param truncateTsMs   its source commit time (0 without truncate)
 * @param anyUnavailable true when some change carries unavailable (unchanged TOAST) columns
 * @param keyRange       min and max of the key when the table has one orderable key column
 */
public record TableBatchStats(long changes, OptionalLong maxSourceTsMs, OptionalLong truncateLsn, long truncateTsMs,
                              boolean anyUnavailable, Optional<KeyRange> keyRange) {

    /** The inclusive range of a single key column's values in a batch. */
    public record KeyRange(String column, Object min, Object max) {
    }

    public static TableBatchStats of(Dataset<Row> decoded, TableLayout layout) {
        Column truncate = col(TableLayout.OP).equalTo("t");
        String rangeColumn = rangeColumn(layout);
        Column key = rangeColumn == null ? lit(null) : col(TableLayout.KEY + "." + SchemaEvolution.quote(rangeColumn));
        Row r = decoded.agg(count("*"), max(TableLayout.SOURCE_TS_MS),
                max(when(truncate, col(TableLayout.LSN))), max(when(truncate, col(TableLayout.SOURCE_TS_MS))),
                max(when(size(col(TableLayout.UNAVAILABLE)).gt(0), lit(true))), min(key), max(key)).first();
        Optional<KeyRange> range = rangeColumn == null || r.isNullAt(5) ? Optional.empty()
                : Optional.of(new KeyRange(rangeColumn, r.get(5), r.get(6)));
        return new TableBatchStats(r.getLong(0), optionalLong(r, 1), optionalLong(r, 2),
                r.isNullAt(3) ? 0L : r.getLong(3), !r.isNullAt(4), range);
    }

    /** The key column usable for a range condition: a single key of a numeric, string, date or timestamp type. */
    static String rangeColumn(TableLayout layout) {
        if (layout.keyType().fields().length != 1) {
            return null;
        }
        DataType type = layout.keyType().fields()[0].dataType();
        boolean orderable = type instanceof DecimalType || type.equals(DataTypes.IntegerType)
                || type.equals(DataTypes.LongType) || type.equals(DataTypes.ShortType)
                || type.equals(DataTypes.ByteType) || type.equals(DataTypes.StringType)
                || type.equals(DataTypes.DateType) || type.equals(DataTypes.TimestampType)
                || type.equals(DataTypes.TimestampNTZType);
        return orderable ? layout.keyType().fields()[0].name() : null;
    }

    private static OptionalLong optionalLong(Row r, int i) {
        return r.isNullAt(i) ? OptionalLong.empty() : OptionalLong.of(r.getLong(i));
    }
}
