package io.tributary.lakehouse.gold;

/**
 * One order change joined with its customer and product as gold knew them at that change (null: not seen yet).
 * The order is the after-image, or the before-image for a delete.
 */
public record EnrichedOrder(OrderChange change, CustomerFacts customer, ProductFacts product) {

    public OrderImage order() {
        return change.after() != null ? change.after() : change.before();
    }
}
