package io.tributary.cdc.avro;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {
    static Schema envelope(Schema row) {
        return SchemaBuilder.record("Envelope").namespace("tributary.shop.orders").fields()
                .name("before").type().optional().type(row)
                .name("after").type().optional().type(row)
                .requiredString("op").endRecord();
    }

    @Test
    void namesAddedRemovedAndChangedColumnsOfTheRow() {
        Schema v1 = SchemaBuilder.record("Value").namespace("tributary.shop.orders").fields()
                .requiredLong("id").requiredInt("qty").optionalString("note").endRecord();
        Schema v2 = SchemaBuilder.record("Value").namespace("tributary.shop.orders").fields()
                .requiredLong("id").requiredString("qty").requiredString("status").optionalString("channel").endRecord();
        assertThat(SchemaDiff.describe(envelope(v1), envelope(v2))).containsExactly(
                "column qty changed from int to string",
                "column status added as string without a default (NOT NULL without DEFAULT?)",
                "column channel added as null|string with default",
                "column note removed");
    }

    @Test
    void equalRowsHaveNoDifference() {
        Schema v1 = SchemaBuilder.record("Value").fields().requiredLong("id").endRecord();
        assertThat(SchemaDiff.describe(envelope(v1), envelope(v1))).isEmpty();
        assertThat(SchemaDiff.describe(v1, v1)).isEmpty();
    }
}
