package io.tributary.cdc.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tributary.cdc.parking.ParkedChangeCodec;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parked form (JSON with the Connect schema) gives back exactly the Avro schema and value the engine would have
 * written: for every type of {@link ConnectAvroConverterTest}, non-finite floats, a null in a column with a default,
 * and a whole Debezium envelope; converted by a fresh converter, as after a restart.
 */
class ParkedFormatRoundTripTest {
    private final ParkedChangeCodec codec = new ParkedChangeCodec();

    static Stream<Arguments> types() {
        Stream<Arguments> more = Stream.of(
                Arguments.of("double precision NaN", org.apache.kafka.connect.data.Schema.FLOAT64_SCHEMA, Double.NaN, null, null),
                Arguments.of("real -Infinity", org.apache.kafka.connect.data.Schema.FLOAT32_SCHEMA, Float.NEGATIVE_INFINITY, null, null),
                Arguments.of("double[] with Infinity", SchemaBuilder.array(org.apache.kafka.connect.data.Schema.FLOAT64_SCHEMA).build(),
                        java.util.List.of(1.5, Double.POSITIVE_INFINITY), null, null),
                Arguments.of("text 'NaN' stays text", org.apache.kafka.connect.data.Schema.STRING_SCHEMA, "NaN", null, null),
                Arguments.of("nullable int with DEFAULT 5, null", SchemaBuilder.int32().optional().defaultValue(5).build(), null, null, null),
                Arguments.of("numeric(12,2) with DEFAULT", ConnectAvroConverterTest.numeric(12, 2, false)
                        .schema(), new BigDecimal("-7.25"), null, null),
                Arguments.of("hstore", SchemaBuilder.map(org.apache.kafka.connect.data.Schema.STRING_SCHEMA,
                        org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA).optional().build(), Map.of("k", "v"), null, null),
                Arguments.of("numeric without (p,s)", io.debezium.data.VariableScaleDecimal.builder().optional().build(),
                        io.debezium.data.VariableScaleDecimal.fromLogical(io.debezium.data.VariableScaleDecimal.builder().optional().build(),
                                new BigDecimal("123.4567")), null, null));
        return Stream.concat(ConnectAvroConverterTest.postgresTypes(), more);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void theParkedFormGivesBackTheSameAvro(String column, org.apache.kafka.connect.data.Schema columnSchema, Object value,
                                           Object ignoredAvro, Object ignoredDecoded) {
        org.apache.kafka.connect.data.Schema row = SchemaBuilder.struct().name("tributary.shop.items.Value")
                .field("id", org.apache.kafka.connect.data.Schema.INT32_SCHEMA)
                .field("col", columnSchema)
                .build();
        org.apache.kafka.connect.data.Schema key = SchemaBuilder.struct().name("tributary.shop.items.Key")
                .field("id", org.apache.kafka.connect.data.Schema.INT32_SCHEMA).build();
        SourceRecord record = new SourceRecord(Map.of("server", "tributary"), Map.of("lsn", 123_456_789_012L, "txId", 7L),
                "tributary.shop.items", null, key, new Struct(key).put("id", 1), row, new Struct(row).put("id", 1).put("col", value));

        assertSameAvro(record);
    }

    @Test
    void aWholeEnvelopeAndATombstoneSurviveAndTheDocumentIsReadableJson() throws Exception {
        Struct update = ChangeEventConverterTest.ENVELOPE.update(ChangeEventConverterTest.row(1, "lamp", "x", null),
                ChangeEventConverterTest.row(1, "big lamp", null, new byte[] {1, 2}), ChangeEventConverterTest.source(5000),
                Instant.ofEpochMilli(1_763_712_000_500L));
        SourceRecord record = ChangeEventConverterTest.record(ChangeEventConverterTest.key(1), update);
        assertSameAvro(record);
        assertSameAvro(ChangeEventConverterTest.record(ChangeEventConverterTest.key(1), null));

        JsonNode doc = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(codec.encode(record));
        assertThat(doc.get("format").asText()).isEqualTo(ParkedChangeCodec.FORMAT);
        assertThat(doc.get("topic").asText()).isEqualTo("tributary.shop.products");
        assertThat(doc.get("sourceOffset").get("lsn").asLong()).isEqualTo(1000L);
        assertThat(doc.get("key").get("payload").get("id").asLong()).isEqualTo(1L);
        assertThat(doc.get("value").get("schema").get("name").asText()).isEqualTo("tributary.shop.products.Envelope");
        assertThat(doc.get("value").get("payload").get("after").get("name").asText()).isEqualTo("big lamp");
        assertThat(ParkedChangeCodec.keyPayload(codec.encode(record))).isEqualTo("{\"id\":1}");
        assertThatThrownBy(() -> codec.decode("{\"format\":\"other\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a parked record");
    }

    @Test
    void anUnencodableValueNamesItsColumnAndType() {
        org.apache.kafka.connect.data.Schema row = SchemaBuilder.struct().name("tributary.shop.items.Value")
                .field("id", org.apache.kafka.connect.data.Schema.INT32_SCHEMA)
                .field("amount", ConnectAvroConverterTest.numeric(6, 2, false))
                .build();
        ConnectAvroConverter converter = new ConnectAvroConverter();
        // the parked form keeps the value that could not be encoded, digit for digit
        org.apache.kafka.connect.data.Schema key = SchemaBuilder.struct().name("tributary.shop.items.Key")
                .field("id", org.apache.kafka.connect.data.Schema.INT32_SCHEMA).build();
        SourceRecord record = new SourceRecord(Map.of(), Map.of("lsn", 9L), "tributary.shop.items", null, key,
                new Struct(key).put("id", 1), row, new Struct(row).put("id", 1).put("amount", new BigDecimal("1.234")));
        SourceRecord back = codec.decode(codec.encode(record));
        assertThat(((Struct) back.value()).get("amount")).isEqualTo(new BigDecimal("1.234"));

        assertThatThrownBy(() -> converter.toRecord(new Struct(row).put("id", 1).put("amount", new BigDecimal("1.234")),
                converter.toAvroSchema(row)))
                .isInstanceOfSatisfying(ColumnEncodingException.class, e -> {
                    assertThat(e.column()).isEqualTo("amount");
                    assertThat(e.type()).isEqualTo("BYTES org.apache.kafka.connect.data.Decimal");
                })
                .hasMessage("column amount (BYTES org.apache.kafka.connect.data.Decimal): decimal 1.234 does not fit scale 2");
    }

    private void assertSameAvro(SourceRecord record) {
        AvroChange direct = new ChangeEventConverter(new ConnectAvroConverter(), ChangeEventConverter.DEFAULT_PLACEHOLDER)
                .convert(record);
        SourceRecord back = codec.decode(codec.encode(record));
        AvroChange replayed = new ChangeEventConverter(new ConnectAvroConverter(), ChangeEventConverter.DEFAULT_PLACEHOLDER)
                .convert(back);
        assertThat(replayed.topic()).isEqualTo(direct.topic());
        assertThat(replayed.table()).isEqualTo(direct.table());
        assertThat(replayed.kind()).isEqualTo(direct.kind());
        assertThat(replayed.op()).isEqualTo(direct.op());
        assertThat(replayed.lsn()).isEqualTo(direct.lsn());
        assertThat(replayed.key().getSchema()).isEqualTo(direct.key().getSchema());
        assertThat(replayed.key()).isEqualTo(direct.key());
        if (direct.value() == null) {
            assertThat(replayed.value()).isNull();
        } else {
            assertThat(replayed.value().getSchema().toString(true)).isEqualTo(direct.value().getSchema().toString(true));
            assertThat(replayed.value().getSchema()).isEqualTo(direct.value().getSchema());
            assertThat(replayed.value()).isEqualTo(direct.value());
        }
        assertThat(ChangeEventConverter.origin(back)).isEqualTo(ChangeEventConverter.origin(record));
    }
}
