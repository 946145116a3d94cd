package io.tributary.lakehouse.daily;

/**
 * The source tables the daily jobs read, by their name in the lake and in the source schema: the shop's
 * {@code orders} (order_id, product_id, quantity, unit_price, status, ordered_at) and {@code products} (product_id,
 * category).
 */
public record SalesTables(String orders, String products) {

    public static final SalesTables SHOP = new SalesTables("orders", "products");
}
