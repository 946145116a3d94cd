package io.tributary.lakehouse.gold;

import io.tributary.lakehouse.cdc.Op;
import java.io.Serializable;
import java.util.Comparator;

/**
 * Where a change of one order stands in the source: its LSN, and at an equal LSN a snapshot read before a streamed
 * change (the snapshot read of a row and its first streamed change can share an LSN). Two changes of one order at
 * the same position are the same change delivered twice (a replay by the CDC engine after a restart).
 */
public record SourcePosition(long lsn, boolean snapshot) implements Comparable<SourcePosition>, Serializable {

    private static final Comparator<SourcePosition> ORDER = Comparator.comparingLong(SourcePosition::lsn)
            .thenComparing(p -> !p.snapshot());

    public static SourcePosition of(long lsn, Op op) {
        return new SourcePosition(lsn, op == Op.READ);
    }

    /** The position as one long that orders as the position does (LSNs stay far below 2^62). */
    public long encoded() {
        return lsn * 2 + (snapshot ? 0 : 1);
    }

    @Override
    public int compareTo(SourcePosition other) {
        return ORDER.compare(this, other);
    }
}
