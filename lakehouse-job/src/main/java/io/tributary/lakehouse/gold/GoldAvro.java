package io.tributary.lakehouse.gold;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The Avro records gold writes to Kafka (registered in our registry under {@code <topic>-key} and
 * {@code <topic>-value}): the key of both topics (the order id), an enriched order change and an abandoned order.
 * Money is {@code decimal(38,6)} as in the gold tables, times are {@code timestamp-millis}. Pure: images in, records
 * out.
 */
public final class GoldAvro {

    static final String NAMESPACE = "io.tributary.gold";
    private static final Schema MONEY = LogicalTypes.decimal(38, 6).addToSchema(Schema.create(Schema.Type.BYTES));
    private static final Schema TIME = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));

    public static final Schema KEY = SchemaBuilder.record("OrderKey").namespace(NAMESPACE).fields()
            .requiredLong("order_id").endRecord();

    public static final Schema CUSTOMER = SchemaBuilder.record("Customer").namespace(NAMESPACE).fields()
            .requiredLong("customer_id")
            .optionalString("first_name")
            .optionalString("last_name")
            .optionalString("city")
            .optionalString("country")
            .endRecord();

    public static final Schema PRODUCT = SchemaBuilder.record("Product").namespace(NAMESPACE).fields()
            .requiredLong("product_id")
            .optionalString("name")
            .optionalString("category")
            .name("price").type(optional(MONEY)).withDefault(null)
            .endRecord();

    /** An order change with its customer and product as gold knew them then (null: not seen yet). */
    public static final Schema ENRICHED_ORDER = SchemaBuilder.record("EnrichedOrder").namespace(NAMESPACE).fields()
            .requiredString("op")
            .requiredLong("lsn")
            .requiredLong("order_id")
            .requiredLong("customer_id")
            .requiredLong("product_id")
            .requiredLong("quantity")
            .name("unit_price").type(MONEY).noDefault()
            .optionalString("status")
            .name("ordered_at").type(TIME).noDefault()
            .name("customer").type(optional(CUSTOMER)).withDefault(null)
            .name("product").type(optional(PRODUCT)).withDefault(null)
            .endRecord();

    /** An order still placed when the watermark passed ordered_at plus the delay. */
    public static final Schema ABANDONED_ORDER = SchemaBuilder.record("AbandonedOrder").namespace(NAMESPACE).fields()
            .requiredLong("order_id")
            .requiredLong("customer_id")
            .requiredLong("product_id")
            .requiredLong("quantity")
            .name("unit_price").type(MONEY).noDefault()
            .name("ordered_at").type(TIME).noDefault()
            .name("abandoned_at").type(TIME).noDefault()
            .name("watermark").type(TIME).noDefault()
            .endRecord();

    private GoldAvro() {
    }

    public static GenericRecord key(long orderId) {
        GenericRecord r = new GenericData.Record(KEY);
        r.put("order_id", orderId);
        return r;
    }

    public static GenericRecord enriched(EnrichedOrder e) {
        OrderImage o = e.order();
        GenericRecord r = new GenericData.Record(ENRICHED_ORDER);
        r.put("op", e.change().op().code());
        r.put("lsn", e.change().lsn());
        r.put("order_id", o.orderId());
        r.put("customer_id", o.customerId());
        r.put("product_id", o.productId());
        r.put("quantity", o.quantity());
        r.put("unit_price", money(o.unitPrice()));
        r.put("status", o.status());
        r.put("ordered_at", o.orderedAt());
        if (e.customer() != null) {
            GenericRecord c = new GenericData.Record(CUSTOMER);
            c.put("customer_id", e.customer().customerId());
            c.put("first_name", e.customer().firstName());
            c.put("last_name", e.customer().lastName());
            c.put("city", e.customer().city());
            c.put("country", e.customer().country());
            r.put("customer", c);
        }
        if (e.product() != null) {
            GenericRecord p = new GenericData.Record(PRODUCT);
            p.put("product_id", e.product().productId());
            p.put("name", e.product().name());
            p.put("category", e.product().category());
            p.put("price", e.product().price() == null ? null : money(e.product().price()));
            r.put("product", p);
        }
        return r;
    }

    public static GenericRecord abandoned(AbandonedOrder a) {
        OrderImage o = a.order();
        GenericRecord r = new GenericData.Record(ABANDONED_ORDER);
        r.put("order_id", o.orderId());
        r.put("customer_id", o.customerId());
        r.put("product_id", o.productId());
        r.put("quantity", o.quantity());
        r.put("unit_price", money(o.unitPrice()));
        r.put("ordered_at", o.orderedAt());
        r.put("abandoned_at", a.abandonedAt());
        r.put("watermark", a.watermark());
        return r;
    }

    /** Money at the schema's scale; more than 6 digits after the point is an error (gold's tables hold 6 too). */
    static BigDecimal money(BigDecimal value) {
        try {
            return value.setScale(6, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("gold: " + value + " has more than 6 digits after the point;"
                    + " the gold tables and topics keep money as decimal(38,6)", e);
        }
    }

    private static Schema optional(Schema s) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), s);
    }
}
