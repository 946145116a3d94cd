package io.tributary.lakehouse.decode;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark shape of one table's change records in one micro-batch: the row type (the union of the row schemas
 * of every writer schema seen, latest first), the key type, and the Debezium source/transaction blocks.
 * Every record of the table is projected to this shape, whichever schema version wrote it.
 *
 * @param table           table name (the last part of the topic)
 * @param rowType         columns of the table
 * @param keyType         primary-key columns (empty when the batch holds only truncates)
 * @param sourceType      the envelope's {@code source} block
 * @param transactionType the envelope's {@code transaction} block, or null when the connector does not emit it
 * @param extraType       any further envelope fields (e.g. {@code ts_us}, {@code ts_ns}), kept in bronze as they are
 */
public record TableLayout(String table, StructType rowType, StructType keyType, StructType sourceType,
                          StructType transactionType, StructType extraType) implements Serializable {

    public static final String TOPIC = "_topic";
    public static final String PARTITION = "_partition";
    public static final String OFFSET = "_offset";
    public static final String KAFKA_TIMESTAMP = "_kafka_timestamp";
    public static final String KEY = "_key";
    public static final String OP = "op";
    public static final String TS_MS = "ts_ms";
    public static final String LSN = "_lsn";
    public static final String SOURCE_TS_MS = "_source_ts_ms";
    public static final String SOURCE = "source";
    public static final String BEFORE = "before";
    public static final String AFTER = "after";
    public static final String TRANSACTION = "transaction";
    public static final String UNAVAILABLE = "_unavailable_columns";
    /** When the job read the record: a column, not {@code current_timestamp()}, whose literal would change the plan. */
    public static final String INGESTED_AT = "_ingested_at";
    public static final String ERROR = "_error";
    public static final String RAW_KEY = "_raw_key";
    public static final String RAW_VALUE = "_raw_value";

    public TableLayout {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(rowType, "rowType");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(sourceType, "sourceType");
        extraType = extraType == null ? new StructType() : extraType;
    }

    public List<String> keyColumns() {
        return Arrays.stream(keyType.fieldNames()).toList();
    }

    /** The schema of a decoded record: Kafka coordinates, the envelope, and the error columns of poison records. */
    public StructType decodedSchema() {
        StructType s = new StructType()
                .add(TOPIC, DataTypes.StringType, false)
                .add(PARTITION, DataTypes.IntegerType, false)
                .add(OFFSET, DataTypes.LongType, false)
                .add(KAFKA_TIMESTAMP, DataTypes.TimestampType, true)
                .add(KEY, keyType, true)
                .add(OP, DataTypes.StringType, true)
                .add(TS_MS, DataTypes.LongType, true)
                .add(LSN, DataTypes.LongType, true)
                .add(SOURCE_TS_MS, DataTypes.LongType, true)
                .add(SOURCE, sourceType, true)
                .add(BEFORE, rowType, true)
                .add(AFTER, rowType, true);
        if (transactionType != null) {
            s = s.add(TRANSACTION, transactionType, true);
        }
        for (StructField extra : extraType.fields()) {
            s = s.add(extra.name(), extra.dataType(), true);
        }
        return s.add(new StructField(UNAVAILABLE, DataTypes.createArrayType(DataTypes.StringType, false), true,
                        Metadata.empty()))
                .add(INGESTED_AT, DataTypes.TimestampType, true)
                .add(ERROR, DataTypes.StringType, true)
                .add(RAW_KEY, DataTypes.BinaryType, true)
                .add(RAW_VALUE, DataTypes.BinaryType, true);
    }
}
