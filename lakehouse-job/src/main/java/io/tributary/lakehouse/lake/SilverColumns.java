package io.tributary.lakehouse.lake;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The metadata columns every silver table carries after its data columns. */
public final class SilverColumns {

    public static final String LSN = "_lsn";
    public static final String POSITION = "_position";
    public static final String OP = "_op";
    public static final String DELETED = "_deleted";
    public static final String SOURCE_TS_MS = "_source_ts_ms";
    public static final String INGESTED_AT = "_ingested_at";
    /**
     * The commit LSN of the transaction Debezium streamed before this change ({@code source.sequence[0]}; null when it
     * did not say): it orders changes as the stream does, by commit. A change's own LSN does not: a transaction that
     * began before an incremental snapshot's chunk and committed after it has changes with LSNs below the chunk's reads
     * ({@link io.tributary.lakehouse.cdc.ChangeOrder}).
     */
    public static final String LAST_COMMIT_LSN = "_last_commit_lsn";

    public static final List<StructField> METADATA = List.of(
            DataTypes.createStructField(LSN, DataTypes.LongType, false),
            DataTypes.createStructField(POSITION, DataTypes.LongType, true),
            DataTypes.createStructField(OP, DataTypes.StringType, false),
            DataTypes.createStructField(DELETED, DataTypes.BooleanType, false),
            DataTypes.createStructField(SOURCE_TS_MS, DataTypes.LongType, true),
            DataTypes.createStructField(INGESTED_AT, DataTypes.TimestampType, true),
            DataTypes.createStructField(LAST_COMMIT_LSN, DataTypes.LongType, true));

    /** Delta table property holding the primary-key columns, comma separated. */
    public static final String KEY_PROPERTY = "tributary.keyColumns";

    private SilverColumns() {
    }

    private static final MetadataColumns COLUMNS = new MetadataColumns(METADATA);

    public static boolean isMetadata(String column) {
        return COLUMNS.contains(column);
    }

    /** The data part of a silver schema (everything but the metadata columns). */
    public static StructType dataColumns(StructType silverSchema) {
        return COLUMNS.dataColumns(silverSchema);
    }

    /** A full silver schema: the data columns (all nullable, tombstones null them) and the metadata columns. */
    public static StructType silverSchema(StructType dataColumns) {
        return COLUMNS.after(dataColumns);
    }
}
