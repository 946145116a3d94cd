package io.tributary.lakehouse.gold;

import java.io.Serializable;
import java.time.Instant;

/**
 * An order found abandoned: still in its first status ({@value OrderImage#PLACED}) when the watermark passed its
 * {@code ordered_at} plus the abandonment delay.
 *
 * @param order       the order as it was last seen (its latest image)
 * @param abandonedAt {@code ordered_at} plus the delay: when it became abandoned, in event time
 * @param watermark   the watermark that found it
 */
public record AbandonedOrder(OrderImage order, Instant abandonedAt, Instant watermark) implements Serializable {
}
