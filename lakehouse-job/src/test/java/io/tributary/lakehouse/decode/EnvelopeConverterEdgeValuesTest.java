package io.tributary.lakehouse.decode;

import static io.tributary.lakehouse.decode.AvroSparkTypesTest.microTimestamp;
import static io.tributary.lakehouse.decode.AvroSparkTypesTest.variableScaleDecimal;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.TOAST;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.change;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.date;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.envelope;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.optional;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.row;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.zonedTimestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** numeric without (p,s) and the extreme dates and timestamps through a whole change event. */
class EnvelopeConverterEdgeValuesTest {

    private static final String TOPIC = "tributary.shop.ledger";
    private static final KafkaCoordinates AT = new KafkaCoordinates(TOPIC, 0, 7, Instant.parse("2026-01-01T00:00:00Z"));
    private static final Schema ROW = SchemaBuilder.record("Value").namespace(TOPIC).fields()
            .requiredInt("id")
            .name("amount").type(optional(variableScaleDecimal())).withDefault(null)
            .name("booked_at").type(optional(microTimestamp())).withDefault(null)
            .name("booked_on").type(optional(date())).withDefault(null)
            .name("settled_at").type(optional(zonedTimestamp())).withDefault(null)
            .endRecord();
    private static final Schema KEY = SchemaBuilder.record("Key").namespace(TOPIC).fields().requiredInt("id").endRecord();
    private static final Schema ENVELOPE = envelope(TOPIC, ROW);

    /** Columns as Debezium sends them; an empty cell is NULL. */
    @ParameterizedTest(name = "{0}e-{1} at {2}")
    @CsvSource({
            "123450, 4, -62135596800000000, -719162, 0001-01-01T00:00:00Z, 12.3450, 0001-01-01T00:00:00",
            "-5, 1, -1, -1, 1969-12-31T23:59:59.999999Z, -0.5, 1969-12-31T23:59:59.999999",
            "98765432109876543210987654321098765432109876543210, 25, 253402300799999999, 2932896,"
                    + " 9999-12-31T23:59:59.999999Z, 9876543210987654321098765.4321098765432109876543210,"
                    + " 9999-12-31T23:59:59.999999",
            ",, 0, 0, 1970-01-01T00:00:00Z,, 1970-01-01T00:00:00",
    })
    void convertsEdgeValuesUnchanged(String unscaled, Integer scale, long micros, int days, String zoned,
                                     String expectedAmount, String expectedLocal) {
        TableLayout layout = TableLayouts.derive("ledger", Map.of(1, ENVELOPE), Map.of(2, KEY)).orElseThrow();
        Map<String, Object> values = new HashMap<>();
        values.put("id", 1);
        if (unscaled != null) {
            GenericRecord amount = new GenericData.Record(variableScaleDecimal());
            amount.put("scale", scale);
            amount.put("value", ByteBuffer.wrap(new BigInteger(unscaled).toByteArray()));
            values.put("amount", amount);
        }
        values.put("booked_at", micros);
        values.put("booked_on", days);
        values.put("settled_at", zoned);

        Row r = new EnvelopeConverter(layout, TOAST).convert(
                change(ENVELOPE, "c", null, row(ROW, values), "ledger", 99, 1L), row(KEY, Map.of("id", 1)), AT);

        assertThat((Object) r.getAs(TableLayout.ERROR)).isNull();
        assertThat(layout.rowType().apply("amount").dataType()).isEqualTo(DataTypes.StringType);
        assertThat(layout.rowType().apply("amount").nullable()).isTrue();
        Row after = r.getAs(TableLayout.AFTER);
        assertThat(after.<String>getAs("amount")).isEqualTo(expectedAmount);
        assertThat(after.<LocalDateTime>getAs("booked_at")).isEqualTo(LocalDateTime.parse(expectedLocal));
        assertThat(after.<LocalDate>getAs("booked_on")).isEqualTo(LocalDate.parse(expectedLocal.substring(0, 10)));
        assertThat(after.<Instant>getAs("settled_at")).isEqualTo(Instant.parse(zoned));
    }

    /** timestamptz 'infinity' has no Delta timestamp: the change is poison (quarantined) naming the column, not moved. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"infinity", "-infinity"})
    void infiniteTimestampsAreQuarantinedNamingTheColumn(String infinity) {
        TableLayout layout = TableLayouts.derive("ledger", Map.of(1, ENVELOPE), Map.of(2, KEY)).orElseThrow();
        Map<String, Object> values = new HashMap<>();
        values.put("id", 1);
        values.put("settled_at", infinity);

        assertThatThrownBy(() -> new EnvelopeConverter(layout, TOAST).convert(
                change(ENVELOPE, "c", null, row(ROW, values), "ledger", 99, 1L), row(KEY, Map.of("id", 1)), AT))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("column settled_at")
                .hasMessageContaining("'" + infinity + "' has no Delta timestamp");
    }
}
