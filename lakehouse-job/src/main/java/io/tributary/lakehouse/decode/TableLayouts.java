package io.tributary.lakehouse.decode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Derives a table's {@link TableLayout} from the writer schemas of the records in a batch. */
public final class TableLayouts {

    private TableLayouts() {
    }

    /**
     * @param table        table name
     * @param valueSchemas writer schemas of the values by registry id (ids grow with every registration, so the
     *                     highest id is the latest version of the table)
     * @param keySchemas   writer schemas of the keys by id
     * @return the layout, or empty when no value schema is a Debezium envelope (then every record is poison)
     */
    public static Optional<TableLayout> derive(String table, Map<Integer, Schema> valueSchemas,
                                               Map<Integer, Schema> keySchemas) {
        TreeMap<Integer, Schema> envelopes = new TreeMap<>();
        valueSchemas.forEach((id, schema) -> {
            if (Envelopes.isEnvelope(schema)) {
                envelopes.put(id, schema);
            }
        });
        if (envelopes.isEmpty()) {
            return Optional.empty();
        }
        List<StructType> rowTypes = new ArrayList<>();
        for (Schema envelope : envelopes.descendingMap().values()) {
            rowTypes.add(AvroSparkTypes.toStructType(Envelopes.rowSchema(envelope)));
        }
        Schema latest = envelopes.lastEntry().getValue();
        StructType sourceType = AvroSparkTypes.toStructType(latest.getField(Envelopes.SOURCE).schema());
        Schema.Field tx = latest.getField(Envelopes.TRANSACTION);
        StructType transactionType = tx == null ? null : AvroSparkTypes.toStructType(tx.schema());
        java.util.List<StructField> extras = new ArrayList<>();
        for (Schema.Field f : latest.getFields()) {
            if (!Envelopes.MAPPED.contains(f.name()) && !f.name().startsWith("_")) {
                extras.add(DataTypes.createStructField(f.name(), AvroSparkTypes.toSparkType(f.schema()), true));
            }
        }
        StructType keyType = keySchemas.isEmpty() ? new StructType()
                : AvroSparkTypes.toStructType(new TreeMap<>(keySchemas).lastEntry().getValue());
        return Optional.of(new TableLayout(table, union(rowTypes), keyType, sourceType, transactionType,
                DataTypes.createStructType(extras)));
    }

    /**
     * Union of row types, newest first: the newest decides the order and the types, older-only columns are appended,
     * and a column an older version held in a wider type (bigint before an {@code ALTER ... TYPE int}) keeps the wider
     * one, so that the older records of the batch keep their values.
     */
    static StructType union(List<StructType> newestFirst) {
        Map<String, StructField> fields = new LinkedHashMap<>();
        for (StructType type : newestFirst) {
            for (StructField f : type.fields()) {
                StructField known = fields.get(f.name());
                if (known == null) {
                    fields.put(f.name(), f.nullable() ? f : DataTypes.createStructField(f.name(), f.dataType(), true));
                } else {
                    DataType dataType = TypeWidening.wider(known.dataType(), f.dataType());
                    if (!dataType.equals(known.dataType())) {
                        fields.put(f.name(), DataTypes.createStructField(known.name(), dataType, true,
                                known.metadata()));
                    }
                }
            }
        }
        return DataTypes.createStructType(new ArrayList<>(fields.values()));
    }
}
