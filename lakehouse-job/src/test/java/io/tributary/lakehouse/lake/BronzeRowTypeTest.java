package io.tributary.lakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class BronzeRowTypeTest {

    @Test
    void aColumnBronzeHoldsWiderKeepsTheWiderTypeOthersFollowTheIncoming() {
        StructType stored = new StructType().add("id", DataTypes.IntegerType).add("qty", DataTypes.LongType)
                .add("note", DataTypes.StringType).add("gone", DataTypes.DateType);
        StructType incoming = new StructType().add("id", DataTypes.LongType).add("qty", DataTypes.IntegerType)
                .add("note", DataTypes.StringType).add("added", DataTypes.ShortType);

        StructType append = BronzeWriter.keepWiderStoredTypes(stored, incoming);

        assertThat(append.fieldNames()).containsExactly("id", "qty", "note", "added");
        assertThat(append.apply("id").dataType()).as("widened by the source").isEqualTo(DataTypes.LongType);
        assertThat(append.apply("qty").dataType()).as("narrowed by the source").isEqualTo(DataTypes.LongType);
        assertThat(append.apply("added").dataType()).isEqualTo(DataTypes.ShortType);
    }
}
