package io.tributary.lakehouse.gold;

import static io.tributary.lakehouse.fixture.DebeziumFixtures.change;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.decimal;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.decimalBytes;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.envelope;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.optional;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.row;
import static io.tributary.lakehouse.fixture.DebeziumFixtures.zonedTimestamp;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;

/**
 * Change events of {@code shop.orders} and {@code shop.products} as cdc-engine writes them (Debezium envelope as Avro,
 * numeric as Connect Decimal, timestamptz as ZonedTimestamp), with full before-images (REPLICA IDENTITY FULL).
 */
final class ShopFixture {

    final String ordersTopic;
    final String productsTopic;
    final Schema orderKey;
    final Schema orderRow;
    final Schema ordersEnvelope;
    final Schema productKey;
    final Schema productRow;
    final Schema productsEnvelope;
    final String customersTopic;
    final Schema customerKey;
    final Schema customerRow;
    final Schema customersEnvelope;

    ShopFixture(String prefix) {
        ordersTopic = prefix + ".shop.orders";
        productsTopic = prefix + ".shop.products";
        orderKey = SchemaBuilder.record("Key").namespace(ordersTopic).fields().requiredLong("order_id").endRecord();
        orderRow = SchemaBuilder.record("Value").namespace(ordersTopic).fields()
                .requiredLong("order_id")
                .name("customer_id").type(optional(Schema.create(Schema.Type.LONG))).withDefault(null)
                .name("product_id").type(optional(Schema.create(Schema.Type.LONG))).withDefault(null)
                .name("quantity").type(optional(Schema.create(Schema.Type.INT))).withDefault(null)
                .name("unit_price").type(optional(decimal(10, 2))).withDefault(null)
                .name("status").type(optional(Schema.create(Schema.Type.STRING))).withDefault(null)
                .name("ordered_at").type(optional(zonedTimestamp())).withDefault(null)
                .endRecord();
        ordersEnvelope = envelope(ordersTopic, orderRow);
        productKey = SchemaBuilder.record("Key").namespace(productsTopic).fields().requiredLong("product_id").endRecord();
        productRow = SchemaBuilder.record("Value").namespace(productsTopic).fields()
                .requiredLong("product_id")
                .name("name").type(optional(Schema.create(Schema.Type.STRING))).withDefault(null)
                .name("category").type(optional(Schema.create(Schema.Type.STRING))).withDefault(null)
                .endRecord();
        productsEnvelope = envelope(productsTopic, productRow);
        customersTopic = prefix + ".shop.customers";
        customerKey = SchemaBuilder.record("Key").namespace(customersTopic).fields().requiredLong("customer_id")
                .endRecord();
        customerRow = SchemaBuilder.record("Value").namespace(customersTopic).fields()
                .requiredLong("customer_id")
                .name("first_name").type(optional(Schema.create(Schema.Type.STRING))).withDefault(null)
                .name("city").type(optional(Schema.create(Schema.Type.STRING))).withDefault(null)
                .endRecord();
        customersEnvelope = envelope(customersTopic, customerRow);
    }

    GenericRecord orderKey(long id) {
        return row(orderKey, Map.of("order_id", id));
    }

    GenericRecord order(OrderImage o) {
        Map<String, Object> v = new HashMap<>();
        v.put("order_id", o.orderId());
        v.put("customer_id", o.customerId());
        v.put("product_id", o.productId());
        v.put("quantity", (int) o.quantity());
        v.put("unit_price", decimalBytes(o.unitPrice().setScale(2)));
        v.put("status", o.status());
        v.put("ordered_at", o.orderedAt().toString());
        return row(orderRow, v);
    }

    /** An orders change; {@code op} c, u, d or r. */
    GenericRecord orderChange(String op, OrderImage before, OrderImage after, long lsn) {
        return change(ordersEnvelope, op, before == null ? null : order(before), after == null ? null : order(after),
                "orders", lsn, Instant.now().toEpochMilli());
    }

    GenericRecord productKey(long id) {
        return row(productKey, Map.of("product_id", id));
    }

    GenericRecord productInsert(long id, String category, long lsn) {
        Map<String, Object> v = new HashMap<>();
        v.put("product_id", id);
        v.put("name", "product " + id);
        v.put("category", category);
        return change(productsEnvelope, "c", null, row(productRow, v), "products", lsn, Instant.now().toEpochMilli());
    }

    GenericRecord customerKey(long id) {
        return row(customerKey, Map.of("customer_id", id));
    }

    /** A customers insert: the table has customer_id, first_name and city only (the other columns are optional). */
    GenericRecord customerInsert(long id, String firstName, String city, long lsn) {
        Map<String, Object> v = new HashMap<>();
        v.put("customer_id", id);
        v.put("first_name", firstName);
        v.put("city", city);
        return change(customersEnvelope, "c", null, row(customerRow, v), "customers", lsn, Instant.now().toEpochMilli());
    }

    static OrderImage image(long id, long product, long quantity, String price, String status, Instant at) {
        return new OrderImage(id, product, 500 + id, quantity, new BigDecimal(price), status, at);
    }
}
