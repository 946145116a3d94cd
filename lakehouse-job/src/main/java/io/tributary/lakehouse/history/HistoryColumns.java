package io.tributary.lakehouse.history;

import io.tributary.lakehouse.lake.MetadataColumns;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The columns every history table carries after its data columns (docs/history.md). */
public final class HistoryColumns {

    /** Commit time in the source of the change that opened the version. */
    public static final String VALID_FROM = "valid_from";
    /** Commit time of the change that closed it; null while current. */
    public static final String VALID_TO = "valid_to";
    public static final String IS_CURRENT = "is_current";
    public static final String LSN_FROM = "_lsn_from";
    public static final String POSITION_FROM = "_position_from";
    public static final String LSN_TO = "_lsn_to";
    public static final String POSITION_TO = "_position_to";
    /** The operation that opened the version: c, u or r. */
    public static final String OP = "_op";

    public static final List<StructField> METADATA = List.of(
            DataTypes.createStructField(VALID_FROM, DataTypes.TimestampType, false),
            DataTypes.createStructField(VALID_TO, DataTypes.TimestampType, true),
            DataTypes.createStructField(IS_CURRENT, DataTypes.BooleanType, false),
            DataTypes.createStructField(LSN_FROM, DataTypes.LongType, false),
            DataTypes.createStructField(POSITION_FROM, DataTypes.LongType, false),
            DataTypes.createStructField(LSN_TO, DataTypes.LongType, true),
            DataTypes.createStructField(POSITION_TO, DataTypes.LongType, true),
            DataTypes.createStructField(OP, DataTypes.StringType, false));

    private HistoryColumns() {
    }

    private static final MetadataColumns COLUMNS = new MetadataColumns(METADATA);

    public static boolean isMetadata(String column) {
        return COLUMNS.contains(column);
    }

    /** A history table's schema: the data columns (all nullable) and the metadata columns. */
    public static StructType historySchema(StructType dataColumns) {
        return COLUMNS.after(dataColumns);
    }

    /** The data part of a history schema. */
    public static StructType dataColumns(StructType historySchema) {
        return COLUMNS.dataColumns(historySchema);
    }

    /** A Spark SQL timestamp expression of {@code instant}, to the microsecond (Spark's precision). */
    public static String timestampLiteral(java.time.Instant instant) {
        return "timestamp_micros(" + Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                instant.getNano() / 1_000) + "L)";
    }

    /**
     * The condition of the rows valid at {@code instant} (a Spark SQL timestamp expression): opened at or before it
     * and not closed by then. Every version is valid from its {@code valid_from} up to, not including, its
     * {@code valid_to}.
     */
    public static String validAt(String instant) {
        return VALID_FROM + " <= " + instant + " AND (" + VALID_TO + " IS NULL OR " + VALID_TO + " > " + instant + ")";
    }
}
