package io.tributary.simulator.run;

import java.util.Locale;

/** An order's life: placed -> paid -> shipped -> delivered, never backwards. */
public enum OrderStatus {
    PLACED, PAID, SHIPPED, DELIVERED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The next status; delivered is final. */
    public OrderStatus next() {
        if (this == DELIVERED) {
            throw new IllegalStateException("a delivered order has no next status");
        }
        return values()[ordinal() + 1];
    }

    /** Whether moving from this status to {@code to} goes forward (the only allowed direction). */
    public boolean isForwardTo(OrderStatus to) {
        return to.ordinal() > ordinal();
    }

    public boolean cancellable() {
        return this == PLACED || this == PAID;
    }
}
