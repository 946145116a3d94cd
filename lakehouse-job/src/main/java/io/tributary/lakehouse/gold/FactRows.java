package io.tributary.lakehouse.gold;

import java.math.BigDecimal;
import java.util.Arrays;
import org.apache.spark.sql.Row;

/**
 * After-images of {@code products} and {@code customers} (the lake job's decoded {@code after} struct) as the facts
 * gold keeps. Pure. The key column is required; every other column is read when the table has it (null otherwise),
 * so a shop whose tables lack a column still gets its orders enriched with the rest.
 */
public final class FactRows {

    private FactRows() {
    }

    /** A product's facts, or null when the image has no product_id. */
    public static ProductFacts product(Row after) {
        Object id = column(after, "product_id");
        if (!(id instanceof Number n)) {
            return null;
        }
        Object price = column(after, "price");
        return new ProductFacts(n.longValue(), text(after, "name"), text(after, "category"),
                price instanceof BigDecimal d ? d : price instanceof Number p ? new BigDecimal(p.toString()) : null);
    }

    /** A customer's facts, or null when the image has no customer_id. */
    public static CustomerFacts customer(Row after) {
        Object id = column(after, "customer_id");
        if (!(id instanceof Number n)) {
            return null;
        }
        return new CustomerFacts(n.longValue(), text(after, "first_name"), text(after, "last_name"),
                text(after, "city"), text(after, "country"));
    }

    private static Object column(Row r, String name) {
        return Arrays.asList(r.schema().fieldNames()).contains(name) ? r.getAs(name) : null;
    }

    private static String text(Row r, String name) {
        Object v = column(r, name);
        return v == null ? null : v.toString();
    }
}
