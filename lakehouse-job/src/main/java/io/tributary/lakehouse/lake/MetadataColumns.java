package io.tributary.lakehouse.lake;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The metadata columns a kind of lake table carries after its data columns (silver's, history's). */
public record MetadataColumns(List<StructField> fields) {

    public MetadataColumns {
        fields = List.copyOf(fields);
    }

    public boolean contains(String column) {
        return fields.stream().anyMatch(f -> f.name().equals(column));
    }

    /** The data part of a table's schema (everything but these columns). */
    public StructType dataColumns(StructType schema) {
        return DataTypes.createStructType(Arrays.stream(schema.fields()).filter(f -> !contains(f.name())).toList());
    }

    /** A full schema: the data columns, all nullable, then these columns. */
    public StructType after(StructType dataColumns) {
        StructType s = new StructType();
        for (StructField f : dataColumns.fields()) {
            s = s.add(f.name(), f.dataType(), true);
        }
        for (StructField f : fields) {
            s = s.add(f);
        }
        return s;
    }
}
