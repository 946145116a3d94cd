package io.tributary.lakehouse.gold;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check gold is built to pass: for every closed window, the served row plus the deltas of its late changes equals
 * the recomputation from the source tables. A late session point is added to the served session of its customer that
 * holds its time, or is a session of its own; a late point that would merge or split sessions shows as a difference
 * (sessions are not additive), and is reported as such.
 */
public final class GoldComparison {

    /** A window whose served-plus-late measures differ from the recomputation (null: no such row on that side). */
    public record Difference(GoldTable table, Instant windowStart, String group, List<BigDecimal> servedPlusLate,
                             List<BigDecimal> recomputed) {
    }

    private static final int SCALE = 6;

    private GoldComparison() {
    }

    /** The differing windows of one table, by window start and group. */
    public static List<Difference> compare(GoldRecomputation.Rows served, GoldRecomputation.Rows recomputed,
                                           List<LateDelta> late, Duration sessionGap) {
        Map<List<Object>, List<BigDecimal>> expected = recomputed.rows();
        Map<List<Object>, List<BigDecimal>> actual = withLate(served, late, sessionGap);
        Set<List<Object>> keys = new HashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        List<Difference> out = new ArrayList<>();
        for (List<Object> key : keys) {
            List<BigDecimal> a = actual.get(key);
            List<BigDecimal> e = expected.get(key);
            if (a == null || !a.equals(e)) {
                out.add(new Difference(served.table(), (Instant) key.get(0), (String) key.get(1), a, e));
            }
        }
        out.sort(Comparator.comparing(Difference::windowStart).thenComparing(Difference::group));
        return out;
    }

    /** Served rows plus the late deltas of their table; rows whose measures all became zero dropped. */
    public static Map<List<Object>, List<BigDecimal>> withLate(GoldRecomputation.Rows served, List<LateDelta> late,
                                                               Duration sessionGap) {
        GoldTable table = served.table();
        Map<List<Object>, List<BigDecimal>> sum = new HashMap<>(served.rows());
        for (LateDelta d : late) {
            if (d.table() != table) {
                continue;
            }
            List<Object> key = table == GoldTable.CUSTOMER_SESSIONS ? sessionHolding(sum, d)
                    : List.of(d.windowStart(), d.group());
            List<BigDecimal> delta = measures(table, d, sessionGap);
            List<BigDecimal> base = sum.get(key);
            List<BigDecimal> added = new ArrayList<>(delta.size());
            for (int i = 0; i < delta.size(); i++) {
                added.add(base == null ? delta.get(i) : base.get(i).add(delta.get(i)));
            }
            if (table == GoldTable.CUSTOMER_SESSIONS && base != null) {
                added.set(0, base.get(0)); // the end stays the session's
            }
            if (added.subList(table == GoldTable.CUSTOMER_SESSIONS ? 1 : 0, added.size()).stream()
                    .allMatch(x -> x.signum() == 0)) {
                sum.remove(key);
            } else {
                sum.put(key, added);
            }
        }
        return sum;
    }

    /** A delta as the table's measures: orders, units, revenue; units, revenue; a session's end, changes, revenue. */
    private static List<BigDecimal> measures(GoldTable table, LateDelta d, Duration sessionGap) {
        BigDecimal orders = scaled(BigDecimal.valueOf(d.delta().orders()));
        BigDecimal units = scaled(BigDecimal.valueOf(d.delta().units()));
        BigDecimal revenue = scaled(d.delta().revenue());
        return switch (table) {
            case REVENUE_BY_CATEGORY_1M -> List.of(orders, units, revenue);
            case TOP_PRODUCTS_5M -> List.of(units, revenue);
            case CUSTOMER_SESSIONS -> List.of(endMillis(d.windowStart().plus(sessionGap)), orders, revenue);
        };
    }

    /** The served session of the delta's customer whose [start, end) holds the late point, else the point's own. */
    private static List<Object> sessionHolding(Map<List<Object>, List<BigDecimal>> sessions, LateDelta d) {
        BigDecimal at = endMillis(d.windowStart());
        for (Map.Entry<List<Object>, List<BigDecimal>> s : sessions.entrySet()) {
            Instant start = (Instant) s.getKey().get(0);
            if (s.getKey().get(1).equals(d.group()) && !start.isAfter(d.windowStart())
                    && at.compareTo(s.getValue().get(0)) < 0) {
                return s.getKey();
            }
        }
        return List.of(d.windowStart(), d.group());
    }

    /** An instant as epoch milliseconds with the microseconds as fraction, as {@link GoldRecomputation} has it. */
    static BigDecimal endMillis(Instant t) {
        return scaled(BigDecimal.valueOf(t.getEpochSecond()).multiply(BigDecimal.valueOf(1000))
                .add(BigDecimal.valueOf(t.getNano()).movePointLeft(6)));
    }

    private static BigDecimal scaled(BigDecimal v) {
        return v.setScale(SCALE);
    }
}
