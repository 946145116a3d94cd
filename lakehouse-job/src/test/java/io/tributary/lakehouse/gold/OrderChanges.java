package io.tributary.lakehouse.gold;

import io.tributary.lakehouse.cdc.Op;
import java.math.BigDecimal;

/** Order changes and totals as the window tests write them. */
final class OrderChanges {

    private OrderChanges() {
    }

    static OrderChange insert(long lsn, OrderImage after) {
        return new OrderChange(after.orderId(), Op.CREATE, lsn, null, after);
    }

    static OrderChange update(long lsn, OrderImage before, OrderImage after) {
        return new OrderChange(after.orderId(), Op.UPDATE, lsn, before, after);
    }

    static OrderChange delete(long lsn, OrderImage before) {
        return new OrderChange(before.orderId(), Op.DELETE, lsn, before, null);
    }

    static Totals totals(long orders, long units, String revenue) {
        return new Totals(orders, units, new BigDecimal(revenue));
    }
}
