package io.tributary.lakehouse.gold;

import java.io.Serializable;
import java.time.Instant;

/**
 * The part of a change that fell into a window the watermark had already closed: kept (gold.late_changes), counted,
 * never applied to the window. A window's closed row plus the deltas of its late changes equals a recomputation.
 *
 * @param delta     the signed contribution that was not applied (after minus before)
 * @param watermark the watermark the change met
 */
public record LateChange(long orderId, String op, SourcePosition position, WindowKey window, Totals delta,
                         Instant eventTime, Instant watermark) implements Serializable {
}
