package io.tributary.lakehouse.gold;

import static io.tributary.lakehouse.gold.OrderChanges.insert;
import static io.tributary.lakehouse.gold.OrderChanges.totals;
import static io.tributary.lakehouse.gold.OrderChanges.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lakehouse.cdc.Op;
import io.tributary.lakehouse.gold.WindowKey.SessionWindow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Session windows per customer through {@link GoldWindows}: gap 5 minutes, watermark 2 minutes. */
class CustomerSessionsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Map<Long, String> CATEGORIES = Map.of(1L, "Toys");

    private final GoldWindows windows = new GoldWindows(Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10));

    private static Instant at(String minuteSecond) {
        String[] p = minuteSecond.split(":");
        return T0.plusSeconds(Long.parseLong(p[0]) * 60 + Long.parseLong(p[1]));
    }

    private static OrderImage order(long id, long customer, long quantity, String price, String status, Instant at) {
        return new OrderImage(id, 1, customer, quantity, new BigDecimal(price), status, at);
    }



    private static SessionWindow session(long customer, String start, String lastOrder) {
        return new SessionWindow(at(start), at(lastOrder).plus(Duration.ofMinutes(5)), customer);
    }


    @Test
    void ordersLessThanTheGapApartAreOneSessionAndAFillingOrderMergesTwo() {
        BatchOutcome first = windows.apply(CATEGORIES, List.of(
                insert(10, order(1, 7, 1, "10", "placed", at("10:00"))),
                insert(11, order(2, 7, 2, "5", "placed", at("10:30"))),
                insert(12, order(3, 7, 1, "1", "placed", at("16:00"))),
                insert(13, order(4, 8, 1, "3", "placed", at("16:00")))));
        assertThat(first.sessions()).containsOnly(
                Map.entry(session(7, "10:00", "10:30"), totals(2, 3, "20")),
                Map.entry(session(7, "16:00", "16:00"), totals(1, 1, "1")),
                Map.entry(session(8, "16:00", "16:00"), totals(1, 1, "3")));
        assertThat(first.watermarkAfter()).isEqualTo(at("14:00"));

        // 14:30 is less than a gap after 10:30 and before 16:00: the two sessions of customer 7 merge
        BatchOutcome merged = windows.apply(CATEGORIES, List.of(insert(14, order(5, 7, 1, "2", "placed", at("14:30")))));
        assertThat(merged.lateSessions()).isEmpty();
        assertThat(merged.sessions()).as("the later session is gone, the one it merged into grows")
                .containsOnly(Map.entry(session(7, "16:00", "16:00"), Totals.ZERO),
                        Map.entry(session(7, "10:00", "16:00"), totals(4, 5, "23")));
        assertThat(windows.openSessions()).containsOnly(Map.entry(session(7, "10:00", "16:00"), totals(4, 5, "23")),
                Map.entry(session(8, "16:00", "16:00"), totals(1, 1, "3")));
    }

    @Test
    void aCancelledOrderSplitsItsSessionAndAQuantityChangeOnlyMovesRevenue() {
        OrderImage middle = order(2, 7, 1, "6", "placed", at("04:00"));
        windows.apply(CATEGORIES, List.of(insert(10, order(1, 7, 1, "1", "placed", at("00:00"))), insert(11, middle),
                insert(12, order(3, 7, 1, "2", "placed", at("06:00")))));
        assertThat(windows.openSessions()).containsOnly(Map.entry(session(7, "00:00", "06:00"), totals(3, 3, "9")));

        OrderImage more = order(2, 7, 3, "6", "paid", at("04:00"));
        BatchOutcome moreUnits = windows.apply(CATEGORIES, List.of(update(13, middle, more)));
        assertThat(moreUnits.sessions()).containsOnly(Map.entry(session(7, "00:00", "06:00"), totals(3, 5, "21")));

        BatchOutcome split = windows.apply(CATEGORIES, List.of(update(14, more,
                order(2, 7, 3, "6", "cancelled", at("04:00")))));
        assertThat(split.lateSessions()).isEmpty();
        assertThat(split.sessions()).containsOnly(
                Map.entry(session(7, "00:00", "00:00"), totals(1, 1, "1")),
                Map.entry(session(7, "06:00", "06:00"), totals(1, 1, "2")));
    }

    @Test
    void anOrderMovedToAnotherCustomerLeavesOneSessionForAnother() {
        OrderImage mine = order(1, 7, 1, "5", "placed", at("01:00"));
        windows.apply(CATEGORIES, List.of(insert(10, mine)));
        BatchOutcome moved = windows.apply(CATEGORIES, List.of(update(11, mine, order(1, 9, 1, "5", "placed", at("01:00")))));
        assertThat(moved.sessions()).containsOnly(Map.entry(session(7, "01:00", "01:00"), Totals.ZERO),
                Map.entry(session(9, "01:00", "01:00"), totals(1, 1, "5")));
    }

    @Test
    void aPointBeforeTheWatermarkIsLateAndASessionEndingAtTheWatermarkCloses() {
        windows.apply(CATEGORIES, List.of(insert(10, order(1, 7, 1, "5", "placed", at("00:00"))),
                insert(11, order(2, 8, 1, "5", "placed", at("09:00")))));
        // watermark 07:00: customer 7's session [00:00, 05:00) closed
        assertThat(windows.watermark()).isEqualTo(at("07:00"));
        assertThat(windows.openSessions()).containsOnlyKeys(session(8, "09:00", "09:00"));

        BatchOutcome late = windows.apply(CATEGORIES, List.of(insert(12, order(3, 7, 2, "3", "placed", at("04:00"))),
                insert(13, order(4, 8, 1, "1", "placed", at("06:59")))));
        assertThat(late.sessions()).as("nothing applied").isEmpty();
        assertThat(late.lateChanges()).isEqualTo(2);
        assertThat(late.lateSessions()).extracting(LateChange::orderId, LateChange::window, LateChange::delta)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, new SessionWindow(at("04:00"), at("09:00"), 7),
                                totals(1, 2, "6")),
                        org.assertj.core.groups.Tuple.tuple(4L, new SessionWindow(at("06:59"), at("11:59"), 8),
                                totals(1, 1, "1")));

        BatchOutcome closing = windows.apply(CATEGORIES, List.of(insert(14, order(5, 9, 1, "1", "placed", at("16:00")))));
        assertThat(closing.closedSessions()).as("customer 8's session ends 14:00, the watermark is 14:00").isEqualTo(1);
        assertThat(windows.openSessions()).containsOnlyKeys(session(9, "16:00", "16:00"));
    }

    @Test
    void aReplayedChangeMovesNoSession() {
        OrderChange change = insert(10, order(1, 7, 2, "5", "placed", at("00:00")));
        windows.apply(CATEGORIES, List.of(change));
        BatchOutcome replay = windows.apply(CATEGORIES, List.of(change));
        assertThat(replay.sessions()).isEmpty();
        assertThat(windows.openSessions()).containsOnly(Map.entry(session(7, "00:00", "00:00"), totals(1, 2, "10")));
    }

    /**
     * A seeded stream over eight customers, an order of each every few minutes (sessions merge and split all the time) with inserts, updates of quantity,
     * status, customer and time, deletes, replays and event times up to 6 minutes out of order: the sessions a sink
     * holds equal the sessions recomputed from the final rows without the late points (a late point is kept, not
     * applied: the final rows minus the late deltas are exactly what was applied).
     */
    @Test
    void theSinkEqualsARecomputationFromTheFinalRowsWithoutTheLatePoints() {
        Random random = new Random(7);
        Map<Long, OrderImage> table = new HashMap<>();
        Map<List<Object>, List<Object>> sink = new HashMap<>();
        List<LateChange> late = new ArrayList<>();
        List<OrderChange> sent = new ArrayList<>();
        long lsn = 1;
        long nextId = 1;
        int merges = 0;
        String[] statuses = {"placed", "paid", "cancelled"};
        for (int batch = 0; batch < 100; batch++) {
            List<OrderChange> changes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Instant eventTime = at("00:00").plusSeconds(batch * 45L - random.nextInt(360));
                List<Long> ids = new ArrayList<>(table.keySet());
                int kind = random.nextInt(10);
                if (kind < 5 || ids.isEmpty()) {
                    OrderImage image = order(nextId++, 1 + random.nextInt(8), 1 + random.nextInt(3),
                            (1 + random.nextInt(50)) + ".25", "placed", eventTime);
                    table.put(image.orderId(), image);
                    changes.add(insert(lsn++, image));
                } else if (kind < 9) {
                    OrderImage before = table.get(ids.get(random.nextInt(ids.size())));
                    OrderImage after = new OrderImage(before.orderId(), 1,
                            random.nextInt(4) == 0 ? 1 + random.nextInt(8) : before.customerId(),
                            1 + random.nextInt(3), before.unitPrice(), statuses[random.nextInt(statuses.length)],
                            random.nextInt(4) == 0 ? before.orderedAt().plusSeconds(random.nextInt(120) - 60)
                                    : before.orderedAt());
                    table.put(after.orderId(), after);
                    changes.add(update(lsn++, before, after));
                } else {
                    OrderImage before = table.remove(ids.get(random.nextInt(ids.size())));
                    changes.add(new OrderChange(before.orderId(), Op.DELETE, lsn++, before, null));
                }
            }
            if (!sent.isEmpty() && batch % 5 == 2) {
                changes.add(sent.get(random.nextInt(sent.size())));
            }
            sent.addAll(changes);
            BatchOutcome out = windows.apply(CATEGORIES, changes);
            for (Map.Entry<WindowKey, Totals> e : out.sessions().entrySet()) {
                SessionWindow s = (SessionWindow) e.getKey();
                List<Object> key = List.of(s.customerId(), s.start());
                if (e.getValue().isZero()) {
                    assertThat(sink.remove(key)).as("a session removed was in the sink: %s", s).isNotNull();
                    merges++;
                } else {
                    sink.put(key, List.of(s.end(), e.getValue()));
                }
            }
            late.addAll(out.lateSessions());
        }

        // applied = final rows - late deltas, as net points per (customer, time, order)
        Map<Long, TreeMap<List<Long>, Totals>> applied = new HashMap<>();
        table.values().stream().filter(OrderImage::counts).forEach(o -> applied.computeIfAbsent(o.customerId(),
                c -> new TreeMap<>(CustomerSessionsTest::byTimeThenOrder)).merge(
                List.of(o.orderedAt().toEpochMilli(), o.orderId()), o.totals(), Totals::plus));
        for (LateChange l : late) {
            SessionWindow w = (SessionWindow) l.window();
            applied.computeIfAbsent(w.customerId(), c -> new TreeMap<>(CustomerSessionsTest::byTimeThenOrder))
                    .merge(List.of(w.start().toEpochMilli(), l.orderId()), l.delta().negate(), Totals::plus);
        }
        Map<List<Object>, List<Object>> recomputed = new HashMap<>();
        applied.forEach((customer, points) -> {
            points.values().removeIf(Totals::isZero);
            recomputeSessions(customer, points, Duration.ofMinutes(5), recomputed);
        });

        assertThat(sink).isEqualTo(recomputed);
        assertThat(late).as("the stream is out of order by more than the watermark").isNotEmpty();
        assertThat(merges).as("sessions merged, split or emptied").isPositive();
        assertThat(sink.size()).as("sessions").isGreaterThan(30);
        assertThat(sink.values()).as("sessions of several orders").anyMatch(v -> ((Totals) v.get(1)).orders() > 2);
    }

    private static int byTimeThenOrder(List<Long> a, List<Long> b) {
        int c = Long.compare(a.get(0), b.get(0));
        return c != 0 ? c : Long.compare(a.get(1), b.get(1));
    }

    /** The batch answer for one customer: sorted points, a new session where the gap to the previous is >= gap. */
    private static void recomputeSessions(long customer, TreeMap<List<Long>, Totals> points, Duration gap,
                                          Map<List<Object>, List<Object>> out) {
        Instant start = null;
        Instant last = null;
        Totals sum = Totals.ZERO;
        for (Map.Entry<List<Long>, Totals> p : points.entrySet()) {
            Instant t = Instant.ofEpochMilli(p.getKey().get(0));
            if (last != null && Duration.between(last, t).compareTo(gap) >= 0) {
                out.put(List.of(customer, start), List.of(last.plus(gap), sum));
                start = null;
                sum = Totals.ZERO;
            }
            start = start == null ? t : start;
            last = t;
            sum = sum.plus(p.getValue());
        }
        if (start != null) {
            out.put(List.of(customer, start), List.of(last.plus(gap), sum));
        }
    }
}
