package io.tributary.lakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

    private static final StructType CURRENT = new StructType()
            .add("id", DataTypes.IntegerType)
            .add("name", DataTypes.StringType)
            .add("qty", DataTypes.IntegerType)
            .add("price", DataTypes.createDecimalType(10, 2))
            .add("paid", DataTypes.BooleanType);

    @Test
    void sameSchemaNeedsNothing() {
        assertThat(SchemaEvolution.plan("t", CURRENT, CURRENT)).isEmpty();
    }

    @Test
    void newColumnIsAddedAndDroppedColumnStays() {
        StructType incoming = new StructType().add("id", DataTypes.IntegerType).add("name", DataTypes.StringType)
                .add("qty", DataTypes.IntegerType).add("price", DataTypes.createDecimalType(10, 2))
                .add("channel", DataTypes.StringType);

        List<SchemaEvolution.Step> steps = SchemaEvolution.plan("t", CURRENT, incoming);

        assertThat(steps).containsExactly(new SchemaEvolution.AddColumn("channel", DataTypes.StringType));
        assertThat(((SchemaEvolution.AlterStep) steps.get(0)).sql("delta.`s3a://lakehouse/silver/t`"))
                .isEqualTo("ALTER TABLE delta.`s3a://lakehouse/silver/t` ADD COLUMNS (`channel` STRING)");
    }

    @Test
    void widenedTypesFollow() {
        StructType incoming = new StructType().add("id", DataTypes.LongType).add("qty", DataTypes.LongType)
                .add("price", DataTypes.createDecimalType(12, 3));

        assertThat(SchemaEvolution.plan("t", CURRENT, incoming)).containsExactly(
                new SchemaEvolution.WidenColumn("id", DataTypes.IntegerType, DataTypes.LongType),
                new SchemaEvolution.WidenColumn("qty", DataTypes.IntegerType, DataTypes.LongType),
                new SchemaEvolution.WidenColumn("price", DataTypes.createDecimalType(10, 2),
                        DataTypes.createDecimalType(12, 3)));
        assertThat(new SchemaEvolution.WidenColumn("qty", DataTypes.IntegerType, DataTypes.LongType).sql("x"))
                .isEqualTo("ALTER TABLE x ALTER COLUMN `qty` TYPE BIGINT");
    }

    @Test
    void narrowerIncomingTypeNeedsNothing() {
        StructType wide = new StructType().add("qty", DataTypes.LongType);
        assertThat(SchemaEvolution.plan("t", wide, new StructType().add("qty", DataTypes.IntegerType))).isEmpty();
    }

    @Test
    void incompatibleChangeStopsWithTheFix() {
        StructType incoming = new StructType().add("paid", DataTypes.StringType);

        assertThatThrownBy(() -> SchemaEvolution.plan("orders", CURRENT, incoming))
                .isInstanceOf(SchemaEvolutionException.class)
                .hasMessageContaining("silver table orders, column paid")
                .hasMessageContaining("BOOLEAN cannot change to STRING")
                .hasMessageContaining("rebuild");
    }

    @Test
    void decimalWideningKeepsIntegerDigits() {
        assertThat(SchemaEvolution.canWiden(DataTypes.createDecimalType(10, 2), DataTypes.createDecimalType(11, 3)))
                .isTrue();
        assertThat(SchemaEvolution.canWiden(DataTypes.createDecimalType(10, 2), DataTypes.createDecimalType(10, 3)))
                .isFalse();
        assertThat(SchemaEvolution.canWiden(DataTypes.DateType, DataTypes.TimestampNTZType)).isTrue();
        assertThat(SchemaEvolution.canWiden(DataTypes.LongType, DataTypes.IntegerType)).isFalse();
    }
}
