package io.tributary.lakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lakehouse.cdc.Op;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** The enriched order and abandoned-order records, written and read back as Avro binary with logical types. */
class GoldAvroTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:42Z");

    private static GenericRecord roundTrip(Schema schema, GenericRecord record) throws Exception {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(schema, data).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(schema, schema, data)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }

    @Test
    void anOrderChangeCarriesItsCustomerAndProductAsGoldKnewThemThen() throws Exception {
        GoldWindows windows = new GoldWindows(Duration.ofMinutes(2));
        OrderImage placed = new OrderImage(9, 3, 77, 2, new BigDecimal("19.99"), "placed", AT);
        OrderImage paid = new OrderImage(9, 3, 77, 2, new BigDecimal("19.99"), "paid", AT);
        BatchOutcome first = windows.apply(new GoldBatch(
                Map.of(3L, new ProductFacts(3, "Crème lamp", "Pet supplies", new BigDecimal("53.37"))),
                Map.of(77L, new CustomerFacts(77, "Lucas", "Patel", "Tromsø", "NO")),
                List.of(new OrderChange(9, Op.CREATE, 10, null, placed))));
        BatchOutcome second = windows.apply(new GoldBatch(
                Map.of(3L, new ProductFacts(3, "Crème lamp", "Lighting", new BigDecimal("49.00"))), Map.of(),
                List.of(new OrderChange(9, Op.UPDATE, 11, placed, paid),
                        new OrderChange(9, Op.UPDATE, 11, placed, paid)))); // a replay: not enriched twice

        assertThat(second.enriched()).hasSize(1);
        GenericRecord r = roundTrip(GoldAvro.ENRICHED_ORDER, GoldAvro.enriched(second.enriched().get(0)));
        assertThat(r.get("op").toString()).isEqualTo("u");
        assertThat(r.get("lsn")).isEqualTo(11L);
        assertThat(r.get("status").toString()).isEqualTo("paid");
        assertThat(r.get("unit_price")).isEqualTo(new BigDecimal("19.990000"));
        assertThat(r.get("ordered_at")).isEqualTo(AT);
        GenericRecord customer = (GenericRecord) r.get("customer");
        assertThat(customer.get("city").toString()).isEqualTo("Tromsø");
        assertThat(customer.get("first_name").toString()).isEqualTo("Lucas");
        GenericRecord product = (GenericRecord) r.get("product");
        assertThat(product.get("category").toString()).as("the product as it is at this change").isEqualTo("Lighting");
        assertThat(product.get("price")).isEqualTo(new BigDecimal("49.000000"));

        GenericRecord before = roundTrip(GoldAvro.ENRICHED_ORDER, GoldAvro.enriched(first.enriched().get(0)));
        assertThat(((GenericRecord) before.get("product")).get("category").toString()).isEqualTo("Pet supplies");
        assertThat(roundTrip(GoldAvro.KEY, GoldAvro.key(9)).get("order_id")).isEqualTo(9L);
    }

    @Test
    void anOrderWhoseCustomerAndProductAreUnknownHasNullsAndADeleteCarriesItsBeforeImage() throws Exception {
        OrderImage gone = new OrderImage(4, 8, 12, 1, new BigDecimal("3.5"), "placed", AT);
        BatchOutcome out = new GoldWindows(Duration.ofMinutes(2)).apply(Map.of(),
                List.of(new OrderChange(4, Op.DELETE, 20, gone, null)));

        GenericRecord r = roundTrip(GoldAvro.ENRICHED_ORDER, GoldAvro.enriched(out.enriched().get(0)));
        assertThat(r.get("op").toString()).isEqualTo("d");
        assertThat(r.get("order_id")).isEqualTo(4L);
        assertThat(r.get("customer")).isNull();
        assertThat(r.get("product")).isNull();
    }

    @Test
    void anAbandonedOrderRecordHasItsTimesAndMoneyExactly() throws Exception {
        OrderImage o = new OrderImage(5, 2, 60, 3, new BigDecimal("7.25"), "placed", AT);
        GenericRecord r = roundTrip(GoldAvro.ABANDONED_ORDER,
                GoldAvro.abandoned(new AbandonedOrder(o, AT.plusSeconds(600), AT.plusSeconds(610))));
        assertThat(r.get("order_id")).isEqualTo(5L);
        assertThat(r.get("quantity")).isEqualTo(3L);
        assertThat(r.get("unit_price")).isEqualTo(new BigDecimal("7.250000"));
        assertThat(r.get("abandoned_at")).isEqualTo(AT.plusSeconds(600));
        assertThat(r.get("watermark")).isEqualTo(AT.plusSeconds(610));
    }

    @Test
    void moneyWithMoreThanSixDigitsAfterThePointIsRefusedWithTheReason() {
        assertThatThrownBy(() -> GoldAvro.money(new BigDecimal("1.0000001")))
                .hasMessageContaining("1.0000001").hasMessageContaining("decimal(38,6)");
    }
}
