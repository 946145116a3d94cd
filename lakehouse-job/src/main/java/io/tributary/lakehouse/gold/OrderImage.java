package io.tributary.lakehouse.gold;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One image (before or after) of a row of {@code orders}, reduced to what the gold windows read.
 *
 * @param orderedAt the event time: the business timestamp of the order (docs/gold.md says why this column)
 */
public record OrderImage(long orderId, long productId, long customerId, long quantity, BigDecimal unitPrice,
                         String status, Instant orderedAt) implements Serializable {

    /** The status of an order that no longer counts: a cancelled order contributes nothing to any window. */
    public static final String CANCELLED = "cancelled";
    /** The first status of every order (the shop's and the simulator's): an order still in it may be abandoned. */
    public static final String PLACED = "placed";

    public OrderImage {
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(orderedAt, "orderedAt");
    }

    /** Whether this image counts in the aggregates (every status but {@value #CANCELLED}). */
    public boolean counts() {
        return !CANCELLED.equals(status);
    }

    /** What this image adds to each of its windows: one order, its units and quantity * unit_price; zero when cancelled. */
    public Totals totals() {
        return counts() ? new Totals(1, quantity, unitPrice.multiply(BigDecimal.valueOf(quantity))) : Totals.ZERO;
    }
}
