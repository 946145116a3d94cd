package io.tributary.lakehouse.gold;

import io.tributary.lakehouse.cdc.Op;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The abandoned-order rule (the course's abandoned cart), on event time: an order inserted (or read by the snapshot)
 * in status {@value OrderImage#PLACED} is a candidate; any update to another status or a delete ends that; when the
 * watermark reaches its {@code ordered_at} plus the delay while it is still a candidate, it is abandoned, once: it
 * leaves the candidates and an order id is never inserted twice (a replayed change is filtered before this rule).
 * The clock is the watermark, so the same changes give the same alerts in every run.
 */
final class AbandonedOrders implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Duration after;
    /** Orders still in their first status and not yet found abandoned, with their latest image. */
    private final Map<Long, OrderImage> candidates = new HashMap<>();

    AbandonedOrders(Duration after) {
        if (after.isZero() || after.isNegative()) {
            throw new IllegalArgumentException("the abandonment delay must be positive: " + after);
        }
        this.after = after;
    }

    /** Follows one (not replayed) change of an order. */
    void apply(OrderChange change) {
        long id = change.orderId();
        if (change.op() == Op.CREATE || change.op() == Op.READ) {
            if (OrderImage.PLACED.equals(change.after().status())) {
                candidates.put(id, change.after());
            } else {
                candidates.remove(id);
            }
        } else if (change.after() != null && OrderImage.PLACED.equals(change.after().status())) {
            candidates.computeIfPresent(id, (k, old) -> change.after());
        } else {
            candidates.remove(id);
        }
    }

    /** The candidates the watermark has made abandoned, by order id; they are candidates no more. */
    List<AbandonedOrder> due(Instant watermark) {
        List<AbandonedOrder> due = new ArrayList<>();
        if (watermark == null) {
            return due;
        }
        Iterator<OrderImage> it = candidates.values().iterator();
        while (it.hasNext()) {
            OrderImage o = it.next();
            Instant at = o.orderedAt().plus(after);
            if (!at.isAfter(watermark)) {
                due.add(new AbandonedOrder(o, at, watermark));
                it.remove();
            }
        }
        due.sort((a, b) -> Long.compare(a.order().orderId(), b.order().orderId()));
        return due;
    }

    /** How many orders are candidates now. */
    int candidates() {
        return candidates.size();
    }
}
