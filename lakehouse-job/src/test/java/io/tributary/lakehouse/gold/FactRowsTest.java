package io.tributary.lakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** After-images of products and customers as decoded structs, with and without the optional columns. */
class FactRowsTest {

    private static Row row(StructType schema, Object... values) {
        return new GenericRowWithSchema(values, schema);
    }

    @Test
    void aProductWithEveryColumnAndOneWithoutPrice() {
        StructType full = new StructType().add("product_id", DataTypes.LongType).add("sku", DataTypes.StringType)
                .add("name", DataTypes.StringType).add("category", DataTypes.StringType)
                .add("price", DataTypes.createDecimalType(14, 2));
        assertThat(FactRows.product(row(full, 7L, "SKU-7", "Crème lamp", "Lighting", new BigDecimal("53.37"))))
                .isEqualTo(new ProductFacts(7, "Crème lamp", "Lighting", new BigDecimal("53.37")));

        StructType small = new StructType().add("product_id", DataTypes.IntegerType).add("category", DataTypes.StringType);
        assertThat(FactRows.product(row(small, 8, "Books"))).isEqualTo(new ProductFacts(8, null, "Books", null));
    }

    @Test
    void aCustomerKeepsNoContactDetailsAndAnImageWithoutItsKeyIsNoFact() {
        StructType schema = new StructType().add("customer_id", DataTypes.LongType).add("first_name", DataTypes.StringType)
                .add("last_name", DataTypes.StringType).add("email", DataTypes.StringType)
                .add("city", DataTypes.StringType).add("country", DataTypes.StringType);
        assertThat(FactRows.customer(row(schema, 1L, "Lucas", "Patel", "lucas@example.com", "Tromsø", "NO")))
                .isEqualTo(new CustomerFacts(1, "Lucas", "Patel", "Tromsø", "NO"));
        assertThat(FactRows.customer(row(new StructType().add("city", DataTypes.StringType), "Oslo"))).isNull();
    }
}
