package io.tributary.cdc.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PostgreSQL type the simulator creates, as Debezium (pgoutput, decimal.handling.mode=precise,
 * time.precision.mode=adaptive) represents it in Connect, mapped to Avro and written/read in Avro binary.
 */
class ConnectAvroConverterTest {
    private final ConnectAvroConverter converter = new ConnectAvroConverter();

    static org.apache.kafka.connect.data.Schema numeric(int precision, int scale, boolean optional) {
        SchemaBuilder b = Decimal.builder(scale).parameter(ConnectAvroConverter.DECIMAL_PRECISION_PARAM, Integer.toString(precision));
        return (optional ? b.optional() : b).build();
    }

    static Stream<Arguments> postgresTypes() {
        return Stream.of(
                // column, connect schema, connect value, expected Avro schema, expected value after an Avro round trip
                Arguments.of("integer", org.apache.kafka.connect.data.Schema.INT32_SCHEMA, 42,
                        "\"int\"", 42),
                Arguments.of("smallint", org.apache.kafka.connect.data.Schema.INT16_SCHEMA, (short) 7,
                        "\"int\"", 7),
                Arguments.of("bigint", org.apache.kafka.connect.data.Schema.INT64_SCHEMA, 9_000_000_000L,
                        "\"long\"", 9_000_000_000L),
                Arguments.of("numeric(12,2)", numeric(12, 2, false), new BigDecimal("1234567890.12"),
                        "{\"type\":\"bytes\",\"connect.name\":\"org.apache.kafka.connect.data.Decimal\",\"logicalType\":\"decimal\",\"precision\":12,\"scale\":2}",
                        new BigDecimal("1234567890.12")),
                Arguments.of("numeric(10,3) negative", numeric(10, 3, false), new BigDecimal("-0.5"),
                        "{\"type\":\"bytes\",\"connect.name\":\"org.apache.kafka.connect.data.Decimal\",\"logicalType\":\"decimal\",\"precision\":10,\"scale\":3}",
                        new BigDecimal("-0.500")),
                Arguments.of("boolean", org.apache.kafka.connect.data.Schema.BOOLEAN_SCHEMA, true,
                        "\"boolean\"", true),
                Arguments.of("date", io.debezium.time.Date.builder().build(), 20_000,
                        "{\"type\":\"int\",\"connect.name\":\"io.debezium.time.Date\",\"logicalType\":\"date\"}", 20_000),
                Arguments.of("timestamptz", io.debezium.time.ZonedTimestamp.builder().build(), "2026-11-21T08:15:30.123456Z",
                        "{\"type\":\"string\",\"connect.name\":\"io.debezium.time.ZonedTimestamp\"}", "2026-11-21T08:15:30.123456Z"),
                Arguments.of("timestamp", io.debezium.time.MicroTimestamp.builder().build(), 1_763_712_930_123_456L,
                        "{\"type\":\"long\",\"connect.name\":\"io.debezium.time.MicroTimestamp\",\"logicalType\":\"local-timestamp-micros\"}",
                        1_763_712_930_123_456L),
                Arguments.of("time", io.debezium.time.MicroTime.builder().build(), 3_600_000_000L,
                        "{\"type\":\"long\",\"connect.name\":\"io.debezium.time.MicroTime\",\"logicalType\":\"time-micros\"}", 3_600_000_000L),
                Arguments.of("text", org.apache.kafka.connect.data.Schema.STRING_SCHEMA, "Grüße, ☃",
                        "\"string\"", "Grüße, ☃"),
                Arguments.of("double precision", org.apache.kafka.connect.data.Schema.FLOAT64_SCHEMA, 2.5d,
                        "\"double\"", 2.5d),
                Arguments.of("real", org.apache.kafka.connect.data.Schema.FLOAT32_SCHEMA, 1.25f,
                        "\"float\"", 1.25f),
                Arguments.of("bytea", org.apache.kafka.connect.data.Schema.BYTES_SCHEMA, new byte[] {1, 2, 3},
                        "\"bytes\"", ByteBuffer.wrap(new byte[] {1, 2, 3})),
                Arguments.of("uuid", io.debezium.data.Uuid.builder().build(), "2b1f3c1e-0000-4000-8000-000000000001",
                        "{\"type\":\"string\",\"connect.name\":\"io.debezium.data.Uuid\"}", "2b1f3c1e-0000-4000-8000-000000000001"),
                Arguments.of("text[]", SchemaBuilder.array(org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA).build(),
                        List.of("a", "b"), "{\"type\":\"array\",\"items\":[\"null\",\"string\"]}", List.of("a", "b")),
                Arguments.of("nullable integer, null", org.apache.kafka.connect.data.Schema.OPTIONAL_INT32_SCHEMA, null,
                        "[\"null\",\"int\"]", null),
                Arguments.of("nullable numeric, value", numeric(8, 2, true), new BigDecimal("3.10"),
                        "[\"null\",{\"type\":\"bytes\",\"connect.name\":\"org.apache.kafka.connect.data.Decimal\",\"logicalType\":\"decimal\",\"precision\":8,\"scale\":2}]",
                        new BigDecimal("3.10")),
                Arguments.of("nullable timestamptz, null", io.debezium.time.ZonedTimestamp.builder().optional().build(), null,
                        "[\"null\",{\"type\":\"string\",\"connect.name\":\"io.debezium.time.ZonedTimestamp\"}]", null),
                Arguments.of("nullable date, value", io.debezium.time.Date.builder().optional().build(), 1,
                        "[\"null\",{\"type\":\"int\",\"connect.name\":\"io.debezium.time.Date\",\"logicalType\":\"date\"}]", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("postgresTypes")
    void mapsSchemaAndValueAndSurvivesAvroBinary(String column, org.apache.kafka.connect.data.Schema columnSchema, Object value,
                                                 String expectedAvroType, Object expectedDecoded) throws Exception {
        org.apache.kafka.connect.data.Schema row = SchemaBuilder.struct().name("tributary.shop.items.Value")
                .field("id", org.apache.kafka.connect.data.Schema.INT32_SCHEMA)
                .field("col", columnSchema)
                .build();
        Struct struct = new Struct(row).put("id", 1).put("col", value);

        Schema avro = converter.toAvroSchema(row);
        assertThat(avro.getFullName()).isEqualTo("tributary.shop.items.Value");
        Schema.Field field = avro.getField("col");
        assertThat(field.schema()).isEqualTo(new Schema.Parser().parse(expectedAvroType));
        if (columnSchema.isOptional()) {
            assertThat(field.defaultVal()).as("optional columns default to null").isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
        } else {
            assertThat(field.hasDefaultValue()).isFalse();
        }

        GenericRecord decoded = roundTrip(converter.toRecord(struct, avro));
        Object actual = decoded.get("col");
        if (actual instanceof org.apache.avro.util.Utf8 utf8) {
            actual = utf8.toString();
        }
        if (actual instanceof List<?> list) {
            actual = list.stream().map(o -> o == null ? null : o.toString()).toList();
        }
        assertThat(actual).isEqualTo(expectedDecoded);
        assertThat(decoded.get("id")).isEqualTo(1);
    }

    @Test
    void decimalValueIsRescaledToTheColumnScaleButNeverRounded() {
        org.apache.kafka.connect.data.Schema s = numeric(6, 2, false);
        Schema avro = converter.toAvroSchema(s);
        ByteBuffer bytes = (ByteBuffer) converter.toAvroValue(s, new BigDecimal("1.5"), avro);
        assertThat(new Conversions.DecimalConversion().fromBytes(bytes, avro, LogicalTypes.decimal(6, 2)))
                .isEqualTo(new BigDecimal("1.50"));
        assertThatThrownBy(() -> converter.toAvroValue(s, new BigDecimal("1.555"), avro))
                .hasMessageContaining("does not fit scale 2");
    }

    @Test
    void columnDefaultsBecomeAvroDefaultsSoAddedColumnsStayBackwardCompatible() {
        org.apache.kafka.connect.data.Schema row = SchemaBuilder.struct().name("tributary.shop.items.Value")
                .field("status", SchemaBuilder.string().defaultValue("new").build())
                .field("qty", SchemaBuilder.int32().optional().defaultValue(1).build())
                .field("note", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA)
                .field("price", Decimal.builder(2).parameter(ConnectAvroConverter.DECIMAL_PRECISION_PARAM, "8")
                        .defaultValue(new BigDecimal("0.00")).build())
                .build();
        Schema avro = converter.toAvroSchema(row);
        assertThat(avro.getField("status").defaultVal()).isEqualTo("new");
        // an optional column with a non-null default: the value branch first, so that the default is valid
        assertThat(avro.getField("qty").schema().getTypes().get(0).getType()).isEqualTo(Schema.Type.INT);
        assertThat(avro.getField("qty").defaultVal()).isEqualTo(1);
        assertThat(avro.getField("note").schema().getTypes().get(0).getType()).isEqualTo(Schema.Type.NULL);
        assertThat(avro.getField("price").hasDefaultValue()).isTrue();
    }

    @Test
    void repeatedRecordSchemasAreDefinedOnceAndCached() {
        org.apache.kafka.connect.data.Schema value = SchemaBuilder.struct().name("tributary.shop.items.Value").optional()
                .field("id", org.apache.kafka.connect.data.Schema.INT32_SCHEMA).build();
        org.apache.kafka.connect.data.Schema envelope = SchemaBuilder.struct().name("tributary.shop.items.Envelope")
                .field("before", value).field("after", value).field("op", org.apache.kafka.connect.data.Schema.STRING_SCHEMA).build();
        Schema avro = converter.toAvroSchema(envelope);
        // parses back: the record is defined once and referenced by name the second time
        Schema reparsed = new Schema.Parser().parse(avro.toString());
        assertThat(reparsed).isEqualTo(avro);
        assertThat(converter.toAvroSchema(envelope)).isSameAs(avro);
    }

    @Test
    void mapsOfStringsBecomeAvroMaps() {
        org.apache.kafka.connect.data.Schema hstore = SchemaBuilder.map(org.apache.kafka.connect.data.Schema.STRING_SCHEMA,
                org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema avro = converter.toAvroSchema(hstore);
        assertThat(avro.getType()).isEqualTo(Schema.Type.MAP);
        assertThat(converter.toAvroValue(hstore, Map.of("k", "v"), avro)).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void invalidColumnNamesAndDecimalsWithoutPrecisionFailWithTheFix() {
        org.apache.kafka.connect.data.Schema badName = SchemaBuilder.struct().name("tributary.shop.items.Value")
                .field("unit-price", org.apache.kafka.connect.data.Schema.INT32_SCHEMA).build();
        assertThatThrownBy(() -> converter.toAvroSchema(badName))
                .hasMessageContaining("unit-price").hasMessageContaining("field.name.adjustment.mode=avro");
        assertThatThrownBy(() -> converter.toAvroSchema(Decimal.schema(2)))
                .hasMessageContaining("VariableScaleDecimal");
    }

    /** money: Debezium's Decimal without precision, recognised by its propagated source type (EngineProperties). */
    @Test
    void moneyBecomesDecimal19KeepingEveryCent() throws Exception {
        org.apache.kafka.connect.data.Schema money = Decimal.builder(2)
                .parameter("__debezium.source.column.type", "MONEY").parameter("__debezium.source.column.name", "c_money")
                .optional().build();
        org.apache.kafka.connect.data.Schema row = SchemaBuilder.struct().name("tributary.shop.type_matrix.Value")
                .field("c_money", money).build();
        Schema avro = converter.toAvroSchema(row);
        Schema field = ConnectAvroConverter.nonNull(avro.getField("c_money").schema());
        assertThat(field.getLogicalType()).isEqualTo(LogicalTypes.decimal(19, 2));
        for (String value : new String[] {"92233720368547758.07", "-92233720368547758.08", "0.00", "-1.50"}) {
            GenericRecord back = roundTrip(converter.toRecord(new Struct(row).put("c_money", new BigDecimal(value)), avro));
            assertThat(back.get("c_money")).as(value).isEqualTo(new BigDecimal(value));
        }
        // without the source type it stays the error that names the fix
        assertThatThrownBy(() -> converter.toAvroSchema(Decimal.builder(2).parameter("__debezium.source.column.type", "NUMERIC")
                .build())).hasMessageContaining("VariableScaleDecimal");
    }

    @Test
    void nullForARequiredColumnIsRejected() {
        Schema avro = converter.toAvroSchema(org.apache.kafka.connect.data.Schema.INT32_SCHEMA);
        assertThatThrownBy(() -> converter.toAvroValue(org.apache.kafka.connect.data.Schema.INT32_SCHEMA, null, avro))
                .hasMessageContaining("non-optional");
    }

    static GenericRecord roundTrip(GenericRecord record) throws Exception {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema(), data).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(record.getSchema(), record.getSchema(), data)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
