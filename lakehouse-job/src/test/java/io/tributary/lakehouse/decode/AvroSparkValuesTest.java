package io.tributary.lakehouse.decode;

import static io.tributary.lakehouse.decode.AvroSparkTypesTest.microTimestamp;
import static io.tributary.lakehouse.decode.AvroSparkTypesTest.millisTimestamp;
import static io.tributary.lakehouse.decode.AvroSparkTypesTest.nanoTimestamp;
import static io.tributary.lakehouse.decode.AvroSparkTypesTest.variableScaleDecimal;
import static io.tributary.lakehouse.decode.AvroSparkTypesTest.variableScaleDecimalWithConnectName;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.date;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.optional;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.zonedTimestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AvroSparkValuesTest {

    /** A VariableScaleDecimal as Debezium builds it: unscaled two's-complement bytes and the scale. */
    private static GenericRecord vsd(Schema schema, String unscaled, int scale) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("scale", scale);
        r.put("value", ByteBuffer.wrap(new BigInteger(unscaled).toByteArray()));
        return r;
    }

    private static Object convert(Object value, Schema writer) {
        return AvroSparkValues.convert(value, writer, AvroSparkTypes.toSparkType(writer));
    }

    @ParameterizedTest(name = "{0} x 10^-{1} -> {2}")
    @CsvSource({
            "123450, 4, 12.3450",
            "12345, 3, 12.345",
            "5, 1, 0.5",
            "1, 10, 0.0000000001",
            "-123450, 4, -12.3450",
            "-1, 0, -1",
            "0, 0, 0",
            "0, 3, 0.000",
            "1200, 0, 1200",
            "12345678901234567890123456789012345678901234567890, 0, 12345678901234567890123456789012345678901234567890",
            "-12345678901234567890123456789012345678901234567890, 20, -123456789012345678901234567890.12345678901234567890",
            "255, 2, 2.55",
            "-128, 0, -128",
            "128, 0, 128",
    })
    void variableScaleDecimalBecomesItsPlainDigits(String unscaled, int scale, String expected) {
        Schema schema = optional(variableScaleDecimal());

        assertThat(convert(vsd(variableScaleDecimal(), unscaled, scale), schema)).isEqualTo(expected);
        assertThat(convert(vsd(variableScaleDecimalWithConnectName(), unscaled, scale),
                optional(variableScaleDecimalWithConnectName()))).isEqualTo(expected);
    }

    @Test
    void integersNarrowOnlyWhenTheValueFits() {
        Schema longSchema = Schema.create(Schema.Type.LONG);
        assertThat(AvroSparkValues.convert(7L, longSchema, org.apache.spark.sql.types.DataTypes.IntegerType))
                .isEqualTo(7);
        assertThat(AvroSparkValues.convert(-3L, longSchema, org.apache.spark.sql.types.DataTypes.ShortType))
                .isEqualTo((short) -3);
        assertThatThrownBy(() -> AvroSparkValues.convert(5_000_000_000L, longSchema,
                org.apache.spark.sql.types.DataTypes.IntegerType))
                .isInstanceOf(ArithmeticException.class).hasMessage("5000000000 does not fit an integer column");
        assertThatThrownBy(() -> AvroSparkValues.convert(40_000L, longSchema,
                org.apache.spark.sql.types.DataTypes.ShortType))
                .isInstanceOf(ArithmeticException.class).hasMessage("40000 does not fit a smallint column");
    }

    @Test
    void nullVariableScaleDecimalStaysNull() {
        assertThat(convert(null, optional(variableScaleDecimal()))).isNull();
    }

    @Test
    void variableScaleDecimalFillsADecimalColumnWhenItFitsWithoutRounding() {
        // a column altered from numeric to numeric(12,4): records written before still carry the record
        Object v = AvroSparkValues.convert(vsd(variableScaleDecimal(), "12345", 3), optional(variableScaleDecimal()),
                DataTypes.createDecimalType(12, 4));

        assertThat(v).isEqualTo(new BigDecimal("12.3450"));
        assertThatThrownBy(() -> AvroSparkValues.convert(vsd(variableScaleDecimal(), "123456", 5),
                variableScaleDecimal(), DataTypes.createDecimalType(12, 4)))
                .isInstanceOf(UnsupportedSchemaException.class).hasMessageContaining("without rounding");
    }

    @Test
    void variableScaleDecimalWithoutValueIsRejected() {
        GenericRecord broken = new GenericData.Record(variableScaleDecimal());
        broken.put("scale", 2);
        broken.put("value", ByteBuffer.wrap(new byte[0]));

        assertThatThrownBy(() -> convert(broken, variableScaleDecimal()))
                .isInstanceOf(UnsupportedSchemaException.class).hasMessageContaining("empty value");
    }

    /** Beyond +-9223372036854775 us (1677/2262) the old micros * 1000 overflowed a long ("long overflow"). */
    @ParameterizedTest(name = "{0} us")
    @CsvSource({
            "-62135596800000000, 0001-01-01T00:00:00",
            "-62135596799999999, 0001-01-01T00:00:00.000001",
            "-1, 1969-12-31T23:59:59.999999",
            "0, 1970-01-01T00:00:00",
            "1, 1970-01-01T00:00:00.000001",
            "-9223372036854776, 1677-09-21T00:12:43.145224",
            "9223372036854776, 2262-04-11T23:47:16.854776",
            "253402300799999999, 9999-12-31T23:59:59.999999",
    })
    void microTimestampsOfEveryYearDeltaHolds(long micros, String expected) {
        assertThat(convert(micros, optional(microTimestamp()))).isEqualTo(LocalDateTime.parse(expected));
        // the same count as timestamp-micros (an instant)
        Schema utc = Schema.create(Schema.Type.LONG);
        LogicalTypes.timestampMicros().addToSchema(utc);
        assertThat(convert(micros, utc)).isEqualTo(Instant.parse(expected + "Z"));
    }

    @ParameterizedTest(name = "{0} ms")
    @CsvSource({
            "-62135596800000, 0001-01-01T00:00:00",
            "-1, 1969-12-31T23:59:59.999",
            "253402300799999, 9999-12-31T23:59:59.999",
    })
    void millisTimestamps(long millis, String expected) {
        assertThat(convert(millis, optional(millisTimestamp()))).isEqualTo(LocalDateTime.parse(expected));
        Schema utc = Schema.create(Schema.Type.LONG);
        LogicalTypes.timestampMillis().addToSchema(utc);
        assertThat(convert(millis, utc)).isEqualTo(Instant.parse(expected + "Z"));
    }

    /** A long of nanoseconds spans 1677-09-21 to 2262-04-11 only; within it, exact. */
    @ParameterizedTest(name = "{0} ns")
    @CsvSource({
            "-9223372036854775808, 1677-09-21T00:12:43.145224192",
            "-1000, 1969-12-31T23:59:59.999999",
            "-1, 1969-12-31T23:59:59.999999999",
            "0, 1970-01-01T00:00:00",
            "9223372036854775807, 2262-04-11T23:47:16.854775807",
    })
    void nanoTimestamps(long nanos, String expected) {
        assertThat(convert(nanos, optional(nanoTimestamp()))).isEqualTo(LocalDateTime.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999Z, 1969-12-31T23:59:59.999999Z",
            "9999-12-31T23:59:59.999999Z, 9999-12-31T23:59:59.999999Z",
            "9999-12-31T23:59:59.999999+02:00, 9999-12-31T21:59:59.999999Z",
            "0001-01-01T02:00:00+02:00, 0001-01-01T00:00:00Z",
    })
    void zonedTimestamps(String text, String expectedUtc) {
        assertThat(convert(new Utf8(text), optional(zonedTimestamp()))).isEqualTo(Instant.parse(expectedUtc));
    }

    @ParameterizedTest(name = "day {0}")
    @CsvSource({
            "-719162, 0001-01-01",
            "-1, 1969-12-31",
            "0, 1970-01-01",
            "2932896, 9999-12-31",
    })
    void dates(int days, String expected) {
        assertThat(convert(days, optional(date()))).isEqualTo(LocalDate.parse(expected));
    }

    /** The elements of an array value as Spark holds it (a Scala Seq). */
    @SuppressWarnings("unchecked")
    private static java.util.List<Object> elements(Object seq) {
        return scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<Object>) seq);
    }

    private static Schema string(String connectName) {
        Schema s = Schema.create(Schema.Type.STRING);
        s.addProp(AvroSparkTypes.CONNECT_NAME, connectName);
        return s;
    }

    /** The type matrix's forms as cdc-engine writes them (docs/lakehouse-job.md, type table), each to its Delta type. */
    @Test
    void typeMatrixFormsLandWithTheirDocumentedTypesUnchanged() {
        Schema timeMicros = LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG));
        assertThat(AvroSparkTypes.toSparkType(timeMicros)).isEqualTo(DataTypes.LongType);
        assertThat(convert(86_399_999_999L, optional(timeMicros))).isEqualTo(86_399_999_999L);

        Schema money = LogicalTypes.decimal(19, 2).addToSchema(Schema.create(Schema.Type.BYTES));
        assertThat(AvroSparkTypes.toSparkType(money)).isEqualTo(DataTypes.createDecimalType(19, 2));
        BigDecimal maxMoney = new BigDecimal("92233720368547758.07");
        assertThat(convert(ByteBuffer.wrap(maxMoney.unscaledValue().toByteArray()), optional(money))).isEqualTo(maxMoney);

        Schema wide = LogicalTypes.decimal(50, 20).addToSchema(Schema.create(Schema.Type.BYTES));
        assertThat(AvroSparkTypes.toSparkType(wide)).isEqualTo(DataTypes.StringType);
        BigDecimal tiny = new BigDecimal("-0.00000000000000000001");
        assertThat(convert(ByteBuffer.wrap(tiny.unscaledValue().toByteArray()), optional(wide)))
                .isEqualTo("-0.00000000000000000001");

        for (String[] textual : new String[][] {{"io.debezium.time.ZonedTime", "11:59:59.999999Z"},
                {"io.debezium.time.Interval", "P0Y0M-1DT0H0M0S"}, {"io.debezium.data.Enum", "happy"},
                {"io.debezium.data.Json", "{\"a\": [true, null], \"b\": 1}"}, {"io.debezium.data.Uuid",
                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}}) {
            Schema schema = optional(string(textual[0]));
            assertThat(AvroSparkTypes.toSparkType(schema)).as(textual[0]).isEqualTo(DataTypes.StringType);
            assertThat(convert(new Utf8(textual[1]), schema)).as(textual[0]).isEqualTo(textual[1]);
        }

        Schema ints = Schema.createArray(optional(Schema.create(Schema.Type.INT)));
        assertThat(AvroSparkTypes.toSparkType(ints)).isEqualTo(DataTypes.createArrayType(DataTypes.IntegerType, true));
        Object converted = convert(new GenericData.Array<>(ints, java.util.Arrays.asList(null, Integer.MIN_VALUE)), optional(ints));
        assertThat(elements(converted))
                .containsExactly(null, Integer.MIN_VALUE);
        Schema texts = Schema.createArray(optional(Schema.create(Schema.Type.STRING)));
        Object empty = convert(new GenericData.Array<>(texts, java.util.List.of()), optional(texts));
        assertThat(elements(empty)).isEmpty();
        Object textArray = convert(new GenericData.Array<>(texts, java.util.List.of(new Utf8("a,b"), new Utf8(""))), texts);
        assertThat(elements(textArray)).containsExactly("a,b", "");
    }
}
