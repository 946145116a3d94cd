package io.tributary.lakehouse.gold;

import io.tributary.lakehouse.cdc.Op;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A change of one order as the gold windows see it: its before-image (retracted) and after-image (added).
 * An insert or snapshot read has no before, a delete no after.
 */
public record OrderChange(long orderId, Op op, long lsn, OrderImage before, OrderImage after) implements Serializable {

    public OrderChange {
        Objects.requireNonNull(op, "op");
        if (op == Op.TRUNCATE) {
            throw new IllegalArgumentException("a truncate is no change of one order");
        }
        if (op.carriesRow() && after == null) {
            throw new IllegalArgumentException("order " + orderId + ": a '" + op.code() + "' change needs an after-image");
        }
        if ((op == Op.UPDATE || op == Op.DELETE) && before == null) {
            throw new IllegalArgumentException("order " + orderId + " at LSN " + lsn + ": a '" + op.code()
                    + "' change has no before-image, so its old contribution cannot be retracted; set"
                    + " REPLICA IDENTITY FULL on the orders table (the simulator's load does)");
        }
    }

    public SourcePosition position() {
        return SourcePosition.of(lsn, op);
    }

    /** The latest event time the change touches (the after-image's, or the before's for a delete). */
    public Instant eventTime() {
        Instant a = after == null ? null : after.orderedAt();
        Instant b = before == null ? null : before.orderedAt();
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
