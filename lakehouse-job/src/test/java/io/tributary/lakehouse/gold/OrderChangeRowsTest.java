package io.tributary.lakehouse.gold;

import static io.tributary.lakehouse.fixture.DebeziumFixtures.TOAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lakehouse.cdc.Op;
import io.tributary.lakehouse.decode.EnvelopeConverter;
import io.tributary.lakehouse.decode.KafkaCoordinates;
import io.tributary.lakehouse.decode.TableLayout;
import io.tributary.lakehouse.decode.TableLayouts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;

/** Orders changes through the lake job's own decoding (envelope -> Spark row) into what the windows read. */
class OrderChangeRowsTest {

    private static final ShopFixture SHOP = new ShopFixture("tributary");
    private static final Instant AT = Instant.parse("2026-12-07T10:00:42Z");
    private final TableLayout layout = TableLayouts.derive("orders", Map.of(1, SHOP.ordersEnvelope),
            Map.of(2, SHOP.orderKey)).orElseThrow();
    private final EnvelopeConverter converter = new EnvelopeConverter(layout, TOAST);

    private Row decoded(GenericRecord change, long orderId) {
        Row row = converter.convert(change, SHOP.orderKey(orderId), new KafkaCoordinates(SHOP.ordersTopic, 0, 7, AT));
        return RowFactory.create(OrderChangeRows.ORDER_COLUMNS.stream().map(row::getAs).toArray());
    }

    @Test
    void anUpdateCarriesBothImagesWithExactPriceAndEventTime() {
        OrderImage before = ShopFixture.image(9, 3, 2, "19.99", "placed", AT);
        OrderImage after = ShopFixture.image(9, 3, 5, "19.99", "paid", AT);

        OrderChange change = OrderChangeRows.order(decoded(SHOP.orderChange("u", before, after, 4242), 9));

        assertThat(change.op()).isEqualTo(Op.UPDATE);
        assertThat(change.lsn()).isEqualTo(4242);
        assertThat(change.orderId()).isEqualTo(9);
        assertThat(change.before()).isEqualTo(before);
        assertThat(change.after()).isEqualTo(after);
        assertThat(change.after().totals()).isEqualTo(new Totals(1, 5, new BigDecimal("99.95")));
    }

    @Test
    void aDeleteHasOnlyTheBeforeImageAndASnapshotReadOnlyTheAfter() {
        OrderImage image = ShopFixture.image(4, 1, 1, "3.50", "shipped", AT);

        OrderChange deleted = OrderChangeRows.order(decoded(SHOP.orderChange("d", image, null, 10), 4));
        OrderChange read = OrderChangeRows.order(decoded(SHOP.orderChange("r", null, image, 10), 4));

        assertThat(deleted.before()).isEqualTo(image);
        assertThat(deleted.after()).isNull();
        assertThat(read.after()).isEqualTo(image);
        assertThat(read.position().snapshot()).isTrue();
    }

    @Test
    void aMissingEventTimeNamesTheOrderAndTheColumn() {
        OrderImage image = ShopFixture.image(5, 1, 1, "3.50", "placed", AT);
        GenericRecord change = SHOP.orderChange("c", null, image, 11);
        ((GenericRecord) change.get("after")).put("ordered_at", null);

        assertThatThrownBy(() -> OrderChangeRows.order(decoded(change, 5)))
                .hasMessageContaining("order 5").hasMessageContaining("ordered_at is null");
    }

    @Test
    void aTableWithoutTheColumnSaysWhichColumnsGoldNeeds() {
        Row after = new GenericRowWithSchema(new Object[] {1L}, new org.apache.spark.sql.types.StructType()
                .add("order_id", org.apache.spark.sql.types.DataTypes.LongType));

        assertThatThrownBy(() -> OrderChangeRows.order(RowFactory.create(1L, "c", null, after)))
                .hasMessageContaining("no column product_id").hasMessageContaining("ordered_at");
    }
}
