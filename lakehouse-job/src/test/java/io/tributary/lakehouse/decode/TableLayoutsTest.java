package io.tributary.lakehouse.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TableLayoutsTest {

    private static StructType row(String column, org.apache.spark.sql.types.DataType type) {
        return new StructType().add("id", DataTypes.IntegerType, false).add(column, type, true);
    }

    @Test
    void aColumnNarrowedByTheNewestSchemaKeepsTheOlderWiderType() {
        // ALTER TABLE ... ALTER COLUMN v TYPE int after bigint: a batch holding both versions keeps bigint
        StructType union = TableLayouts.union(List.of(row("v", DataTypes.IntegerType), row("v", DataTypes.LongType)));

        assertThat(union.apply("v").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(union.fieldNames()).containsExactly("id", "v");
        assertThat(union.apply("id").nullable()).isTrue();
    }

    @Test
    void aWidenedColumnTakesTheNewestType() {
        StructType union = TableLayouts.union(List.of(row("v", DataTypes.LongType), row("v", DataTypes.IntegerType)));

        assertThat(union.apply("v").dataType()).isEqualTo(DataTypes.LongType);
    }

    @Test
    void anIncompatibleChangeTakesTheNewestTypeAndOlderOnlyColumnsComeLast() {
        StructType newest = row("v", DataTypes.StringType);
        StructType older = row("v", DataTypes.IntegerType).add("gone", DataTypes.DateType, true);

        StructType union = TableLayouts.union(List.of(newest, older));

        assertThat(union.apply("v").dataType()).isEqualTo(DataTypes.StringType);
        assertThat(union.fieldNames()).containsExactly("id", "v", "gone");
    }
}
