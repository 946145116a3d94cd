package io.tributary.lakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lakehouse.cdc.Op;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class ChangeRowImageTest {
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType)
            .add("note", DataTypes.StringType)
            .add("status", DataTypes.StringType)
            .add("__op", DataTypes.StringType)
            .add("__unavailable", DataTypes.createArrayType(DataTypes.StringType));

    private static Row row(String op, List<String> unavailable) {
        Object listed = unavailable == null ? null : CollectionConverters.asScala(unavailable).toSeq();
        return new GenericRowWithSchema(new Object[] {7L, null, "PAID", op, listed}, SCHEMA);
    }

    @Test
    void anUpdateCarriesItsDataColumnsInTheGivenOrderNullsIncluded() {
        assertThat(ChangeRowImage.values(row("u", null), Op.UPDATE, List.of("status", "id", "note")))
                .containsExactly(entry("status", "PAID"), entry("id", 7L), entry("note", null));
    }

    @Test
    void aDeleteCarriesNoValues() {
        assertThat(ChangeRowImage.values(row("d", null), Op.DELETE, List.of("id", "note", "status"))).isEmpty();
    }

    @Test
    void theUnavailableColumnsAreTheListedOnesAndNoneWhenNull() {
        assertThat(ChangeRowImage.unavailable(row("u", List.of("note", "status")), "__unavailable"))
                .containsExactlyInAnyOrder("note", "status");
        assertThat(ChangeRowImage.unavailable(row("u", null), "__unavailable")).isEmpty();
    }

    private static java.util.Map.Entry<String, Object> entry(String column, Object value) {
        return new java.util.AbstractMap.SimpleEntry<>(column, value);
    }
}
