package io.tributary.lakehouse.gold;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The measures of one window, or a signed contribution to it: orders, units and revenue (exact decimal).
 * Revenue compares by value ({@code 2.50} equals {@code 2.5}).
 */
public record Totals(long orders, long units, BigDecimal revenue) implements Serializable {

    public static final Totals ZERO = new Totals(0, 0, BigDecimal.ZERO);

    public Totals {
        Objects.requireNonNull(revenue, "revenue");
    }

    public Totals plus(Totals other) {
        return new Totals(orders + other.orders, units + other.units, revenue.add(other.revenue));
    }

    public Totals negate() {
        return new Totals(-orders, -units, revenue.negate());
    }

    public boolean isZero() {
        return orders == 0 && units == 0 && revenue.signum() == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Totals t && orders == t.orders && units == t.units && revenue.compareTo(t.revenue) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(orders, units, revenue.stripTrailingZeros());
    }
}
