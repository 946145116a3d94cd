package io.tributary.lakehouse.decode;

import static io.tributary.lakehouse.fixture.DebeziumFixtures.date;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.decimal;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.optional;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.zonedTimestamp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSparkTypesTest {

    /** {@code numeric} without (p,s) as the cdc-engine writes it: a record named after the Connect struct. */
    static Schema variableScaleDecimal() {
        return SchemaBuilder.record("VariableScaleDecimal").namespace("io.debezium.data").doc("Variable scaled decimal")
                .fields().requiredInt("scale").requiredBytes("value").endRecord();
    }

    /** The same as Confluent's AvroConverter writes it: connect.name on the record. */
    static Schema variableScaleDecimalWithConnectName() {
        return SchemaBuilder.record("Decimal").namespace("io.confluent.generated")
                .prop("connect.name", "io.debezium.data.VariableScaleDecimal")
                .fields().requiredInt("scale").requiredBytes("value").endRecord();
    }

    static Schema longWith(String connectName, org.apache.avro.LogicalType logical) {
        Schema s = Schema.create(Schema.Type.LONG);
        if (connectName != null) {
            s.addProp("connect.name", connectName);
        }
        if (logical != null) {
            logical.addToSchema(s);
        }
        return s;
    }

    static Schema microTimestamp() {
        return longWith("io.debezium.time.MicroTimestamp", LogicalTypes.localTimestampMicros());
    }

    static Schema millisTimestamp() {
        return longWith("io.debezium.time.Timestamp", LogicalTypes.localTimestampMillis());
    }

    static Schema nanoTimestamp() {
        return longWith("io.debezium.time.NanoTimestamp", null);
    }

    static Stream<Arguments> typeTable() {
        return Stream.of(
                Arguments.of("numeric (VariableScaleDecimal)", optional(variableScaleDecimal()), DataTypes.StringType,
                        true),
                Arguments.of("numeric, required", variableScaleDecimal(), DataTypes.StringType, false),
                Arguments.of("numeric, connect.name", optional(variableScaleDecimalWithConnectName()),
                        DataTypes.StringType, true),
                Arguments.of("numeric(10,2)", optional(decimal(10, 2)), DataTypes.createDecimalType(10, 2), true),
                Arguments.of("numeric(50,5)", optional(decimal(50, 5)), DataTypes.StringType, true),
                Arguments.of("numeric, decimal.handling.mode=double", optional(Schema.create(Schema.Type.DOUBLE)),
                        DataTypes.DoubleType, true),
                Arguments.of("numeric, decimal.handling.mode=string", optional(Schema.create(Schema.Type.STRING)),
                        DataTypes.StringType, true),
                Arguments.of("timestamp(6)", optional(microTimestamp()), DataTypes.TimestampNTZType, true),
                Arguments.of("timestamp(3)", optional(millisTimestamp()), DataTypes.TimestampNTZType, true),
                Arguments.of("NanoTimestamp", optional(nanoTimestamp()), DataTypes.TimestampNTZType, true),
                Arguments.of("timestamptz", optional(zonedTimestamp()), DataTypes.TimestampType, true),
                Arguments.of("date", optional(date()), DataTypes.DateType, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typeTable")
    void mapsDebeziumColumnsToSparkTypes(String column, Schema avro, DataType spark, boolean nullable) {
        Schema row = SchemaBuilder.record("Value").namespace("tributary.shop.t").fields()
                .name("c").type(avro).noDefault().endRecord();

        StructType type = AvroSparkTypes.toStructType(row);

        assertThat(type.apply("c").dataType()).isEqualTo(spark);
        assertThat(type.apply("c").nullable()).isEqualTo(nullable);
    }

    @Test
    void otherRecordsStayStructs() {
        Schema point = SchemaBuilder.record("Point").namespace("io.debezium.data.geometry").fields()
                .requiredDouble("x").requiredDouble("y").endRecord();

        assertThat(AvroSparkTypes.toSparkType(point)).isEqualTo(new StructType()
                .add("x", DataTypes.DoubleType, false).add("y", DataTypes.DoubleType, false));
    }
}
