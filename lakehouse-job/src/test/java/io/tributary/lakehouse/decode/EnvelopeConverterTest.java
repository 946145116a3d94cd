package io.tributary.lakehouse.decode;

import static io.tributary.lakehouse.fixture.DebeziumFixtures.TOAST;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.change;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.date;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.decimal;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.decimalBytes;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.envelope;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.optional;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.row;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.zonedTimestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class EnvelopeConverterTest {

    private static final String TOPIC = "tributary.shop.orders";
    private static final KafkaCoordinates AT = new KafkaCoordinates(TOPIC, 0, 42, Instant.parse("2026-01-01T00:00:00Z"));

    static final Schema ROW_V1 = SchemaBuilder.record("Value").namespace(TOPIC).fields()
            .requiredInt("id")
            .name("customer").type(optional(Schema.create(Schema.Type.STRING))).withDefault(null)
            .name("total").type(optional(decimal(10, 2))).withDefault(null)
            .name("placed_on").type(optional(date())).withDefault(null)
            .name("placed_at").type(optional(zonedTimestamp())).withDefault(null)
            .name("paid").type(optional(Schema.create(Schema.Type.BOOLEAN))).withDefault(null)
            .name("items").type(optional(Schema.create(Schema.Type.LONG))).withDefault(null)
            .endRecord();
    static final Schema KEY = SchemaBuilder.record("Key").namespace(TOPIC).fields().requiredInt("id").endRecord();
    static final Schema ENVELOPE_V1 = envelope(TOPIC, ROW_V1);

    private static GenericRecord key(int id) {
        return row(KEY, Map.of("id", id));
    }

    private static GenericRecord rowV1(int id, String customer, String note) {
        Map<String, Object> values = new HashMap<>();
        values.put("id", id);
        values.put("customer", customer);
        values.put("total", decimalBytes(new BigDecimal("12.50")));
        values.put("placed_on", (int) LocalDate.of(2026, 3, 4).toEpochDay());
        values.put("placed_at", "2026-03-04T10:11:12.345678+02:00");
        values.put("paid", true);
        values.put("items", 3L);
        return row(ROW_V1, values);
    }

    private static TableLayout layoutV1() {
        return TableLayouts.derive("orders", Map.of(1, ENVELOPE_V1), Map.of(2, KEY)).orElseThrow();
    }

    @Test
    void mapsEveryCapturedTypeToSpark() {
        StructType rowType = layoutV1().rowType();

        assertThat(rowType.apply("id").dataType()).isEqualTo(DataTypes.IntegerType);
        assertThat(rowType.apply("customer").dataType()).isEqualTo(DataTypes.StringType);
        assertThat(rowType.apply("total").dataType()).isEqualTo(DataTypes.createDecimalType(10, 2));
        assertThat(rowType.apply("placed_on").dataType()).isEqualTo(DataTypes.DateType);
        assertThat(rowType.apply("placed_at").dataType()).isEqualTo(DataTypes.TimestampType);
        assertThat(rowType.apply("paid").dataType()).isEqualTo(DataTypes.BooleanType);
        assertThat(rowType.apply("items").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(layoutV1().keyColumns()).containsExactly("id");
    }

    @Test
    void convertsAnInsertWithItsValues() {
        EnvelopeConverter converter = new EnvelopeConverter(layoutV1(), TOAST);
        GenericRecord e = change(ENVELOPE_V1, "c", null, rowV1(7, "ada", null), "orders", 1234, 1_700_000_000_000L);

        Row r = converter.convert(e, key(7), AT);

        assertThat(r.<String>getAs(TableLayout.OP)).isEqualTo("c");
        assertThat(r.<Long>getAs(TableLayout.LSN)).isEqualTo(1234L);
        assertThat(r.<Long>getAs(TableLayout.SOURCE_TS_MS)).isEqualTo(1_700_000_000_000L);
        assertThat(r.<Long>getAs(TableLayout.OFFSET)).isEqualTo(42L);
        assertThat(r.<Row>getAs(TableLayout.KEY).<Integer>getAs("id")).isEqualTo(7);
        assertThat(r.<Row>getAs(TableLayout.SOURCE).<String>getAs("table")).isEqualTo("orders");
        assertThat((Object) r.getAs(TableLayout.BEFORE)).isNull();
        Row after = r.getAs(TableLayout.AFTER);
        assertThat(after.<Integer>getAs("id")).isEqualTo(7);
        assertThat(after.<String>getAs("customer")).isEqualTo("ada");
        assertThat(after.<BigDecimal>getAs("total")).isEqualByComparingTo("12.50");
        assertThat(after.<LocalDate>getAs("placed_on")).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(after.<Instant>getAs("placed_at")).isEqualTo(Instant.parse("2026-03-04T08:11:12.345678Z"));
        assertThat(after.<Boolean>getAs("paid")).isTrue();
        assertThat(after.<Long>getAs("items")).isEqualTo(3L);
        assertThat(unavailable(r)).isEmpty();
        assertThat((Object) r.getAs(TableLayout.ERROR)).isNull();
    }

    @Test
    void toastPlaceholderBecomesNullAndIsListed() {
        EnvelopeConverter converter = new EnvelopeConverter(layoutV1(), TOAST);
        GenericRecord e = change(ENVELOPE_V1, "u", null, rowV1(7, TOAST, null), "orders", 1300, 1L);

        Row r = converter.convert(e, key(7), AT);

        assertThat(r.<Row>getAs(TableLayout.AFTER).<String>getAs("customer")).isNull();
        assertThat(unavailable(r)).containsExactly("customer");
    }

    @Test
    void engineFlaggedColumnsAndExtraEnvelopeFieldsAreKept() {
        Schema envelope = SchemaBuilder.record("Envelope").namespace(TOPIC).fields()
                .name("before").type(optional(ROW_V1)).withDefault(null)
                .name("after").type(optional(ROW_V1)).withDefault(null)
                .name("source").type(io.tributary.lakehouse.fixture.DebeziumFixtures.sourceSchema()).noDefault()
                .requiredString("op")
                .optionalLong("ts_ms")
                .optionalLong("ts_us")
                .name("unavailable_columns").type().array().items().stringType().arrayDefault(List.of())
                .endRecord();
        TableLayout layout = TableLayouts.derive("orders", Map.of(1, envelope), Map.of(2, KEY)).orElseThrow();
        GenericRecord e = new org.apache.avro.generic.GenericData.Record(envelope);
        e.put("after", rowV1(7, "a placeholder-free value the engine flagged", null));
        e.put("source", io.tributary.lakehouse.fixture.DebeziumFixtures.source("orders", 1400, 1L, false));
        e.put("op", "u");
        e.put("ts_ms", 5L);
        e.put("ts_us", 5_000L);
        e.put("unavailable_columns", List.of(new org.apache.avro.util.Utf8("customer")));

        Row r = new EnvelopeConverter(layout, TOAST).convert(e, key(7), AT);

        assertThat(layout.extraType().fieldNames()).containsExactly("ts_us");
        assertThat(r.<Long>getAs("ts_us")).isEqualTo(5_000L);
        assertThat(r.<Row>getAs(TableLayout.AFTER).<String>getAs("customer")).isNull();
        assertThat(unavailable(r)).containsExactly("customer");
    }

    @Test
    void deleteCarriesTheKeyAndNoAfterImage() {
        EnvelopeConverter converter = new EnvelopeConverter(layoutV1(), TOAST);
        Map<String, Object> keyOnly = new HashMap<>();
        keyOnly.put("id", 7);
        GenericRecord e = change(ENVELOPE_V1, "d", row(ROW_V1, keyOnly), null, "orders", 1400, 1L);

        Row r = converter.convert(e, key(7), AT);

        assertThat(r.<String>getAs(TableLayout.OP)).isEqualTo("d");
        assertThat((Object) r.getAs(TableLayout.AFTER)).isNull();
        assertThat(r.<Row>getAs(TableLayout.BEFORE).<Integer>getAs("id")).isEqualTo(7);
    }

    @Test
    void truncateNeedsNoKey() {
        EnvelopeConverter converter = new EnvelopeConverter(layoutV1(), TOAST);
        Row r = converter.convert(change(ENVELOPE_V1, "t", null, null, "orders", 1500, 1L), null, AT);

        assertThat(r.<String>getAs(TableLayout.OP)).isEqualTo("t");
        assertThat((Object) r.getAs(TableLayout.KEY)).isNull();
    }

    @Test
    void missingKeyIsPoison() {
        EnvelopeConverter converter = new EnvelopeConverter(layoutV1(), TOAST);
        GenericRecord e = change(ENVELOPE_V1, "c", null, rowV1(7, "ada", null), "orders", 1234, 1L);

        assertThatThrownBy(() -> converter.convert(e, null, AT)).isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("missing key");
    }

    @Test
    void unknownOpIsPoison() {
        EnvelopeConverter converter = new EnvelopeConverter(layoutV1(), TOAST);
        GenericRecord e = change(ENVELOPE_V1, "x", null, rowV1(7, "ada", null), "orders", 1234, 1L);

        assertThatThrownBy(() -> converter.convert(e, key(7), AT)).isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("unknown Debezium op 'x'");
    }

    @Test
    void badTimestampTextIsPoisonNamingTheColumn() {
        EnvelopeConverter converter = new EnvelopeConverter(layoutV1(), TOAST);
        GenericRecord after = rowV1(7, "ada", null);
        after.put("placed_at", "yesterday");

        assertThatThrownBy(() -> converter.convert(change(ENVELOPE_V1, "c", null, after, "orders", 1, 1L), key(7), AT))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("column placed_at");
    }

    @Test
    void olderRecordsAreProjectedToTheLatestSchemaWithWidenedAndAddedColumns() {
        Schema rowV2 = SchemaBuilder.record("Value").namespace(TOPIC).fields()
                .requiredLong("id")
                .name("customer").type(optional(Schema.create(Schema.Type.STRING))).withDefault(null)
                .name("total").type(optional(decimal(12, 3))).withDefault(null)
                .name("channel").type(optional(Schema.create(Schema.Type.STRING))).withDefault(null)
                .endRecord();
        Schema envelopeV2 = envelope(TOPIC, rowV2);
        TableLayout layout = TableLayouts.derive("orders", Map.of(1, ENVELOPE_V1, 3, envelopeV2), Map.of(2, KEY))
                .orElseThrow();

        assertThat(layout.rowType().fieldNames())
                .containsExactly("id", "customer", "total", "channel", "placed_on", "placed_at", "paid", "items");
        assertThat(layout.rowType().apply("id").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(layout.rowType().apply("total").dataType()).isEqualTo(DataTypes.createDecimalType(12, 3));

        Row v1 = new EnvelopeConverter(layout, TOAST)
                .convert(change(ENVELOPE_V1, "c", null, rowV1(7, "ada", null), "orders", 1, 1L), key(7), AT);
        Row after = v1.getAs(TableLayout.AFTER);
        assertThat(after.<Long>getAs("id")).isEqualTo(7L);
        assertThat(after.<BigDecimal>getAs("total")).isEqualTo(new BigDecimal("12.500"));
        assertThat(after.<String>getAs("channel")).isNull();
        assertThat(after.<Long>getAs("items")).isEqualTo(3L);
    }

    @Test
    void nonEnvelopeSchemasGiveNoLayout() {
        Schema notAnEnvelope = SchemaBuilder.record("Other").fields().requiredInt("x").endRecord();
        assertThat(TableLayouts.derive("orders", Map.of(5, notAnEnvelope), Map.of())).isEmpty();
    }

    @Test
    void poisonRowKeepsCoordinatesBytesAndError() {
        EnvelopeConverter converter = new EnvelopeConverter(layoutV1(), TOAST);
        Row p = converter.poison(AT, new byte[] {1}, new byte[] {9, 9}, "WrongMagicByteException: boom");

        assertThat(p.<String>getAs(TableLayout.TOPIC)).isEqualTo(TOPIC);
        assertThat(p.<Long>getAs(TableLayout.OFFSET)).isEqualTo(42L);
        assertThat(p.<String>getAs(TableLayout.ERROR)).contains("boom");
        assertThat(p.<byte[]>getAs(TableLayout.RAW_VALUE)).containsExactly(9, 9);
    }

    private static List<String> unavailable(Row r) {
        scala.collection.Seq<String> seq = r.getAs(TableLayout.UNAVAILABLE);
        return CollectionConverters.asJava(seq);
    }
}
