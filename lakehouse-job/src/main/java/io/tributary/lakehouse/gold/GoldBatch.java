package io.tributary.lakehouse.gold;

import java.util.List;
import java.util.Map;

/**
 * What one micro-batch brings to gold: the latest image of each product and customer changed in it (applied before the
 * orders, so an order and its new product in one batch meet), and the order changes in any order.
 */
public record GoldBatch(Map<Long, ProductFacts> products, Map<Long, CustomerFacts> customers,
                        List<OrderChange> orders) {

    public GoldBatch {
        products = Map.copyOf(products);
        customers = Map.copyOf(customers);
        orders = List.copyOf(orders);
    }
}
