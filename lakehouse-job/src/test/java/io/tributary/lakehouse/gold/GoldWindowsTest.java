package io.tributary.lakehouse.gold;

import static io.tributary.lakehouse.gold.OrderChanges.delete;
import static io.tributary.lakehouse.gold.OrderChanges.insert;
import static io.tributary.lakehouse.gold.OrderChanges.totals;
import static io.tributary.lakehouse.gold.OrderChanges.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lakehouse.cdc.Op;
import io.tributary.lakehouse.gold.WindowKey.CategoryWindow;
import io.tributary.lakehouse.gold.WindowKey.ProductWindow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoldWindowsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Map<Long, String> CATEGORIES = Map.of(1L, "Toys", 2L, "Books");

    private final GoldWindows windows = new GoldWindows(Duration.ofMinutes(2));

    static Instant at(String minuteSecond) {
        String[] p = minuteSecond.split(":");
        return T0.plusSeconds(Long.parseLong(p[0]) * 60 + Long.parseLong(p[1]));
    }

    static OrderImage order(long id, long product, long quantity, String price, String status, Instant at) {
        return new OrderImage(id, product, 100 + id, quantity, new BigDecimal(price), status, at);
    }

    static CategoryWindow minute(String start, String category) {
        return new CategoryWindow(at(start), at(start).plusSeconds(60), category);
    }

    private static ProductWindow fiveMinutes(String start, long product) {
        return new ProductWindow(at(start), at(start).plusSeconds(300), product);
    }


    @Test
    void aChangeCountsInItsTumblingMinuteAndInFiveSlidingWindows() {
        BatchOutcome out = windows.apply(CATEGORIES, List.of(
                insert(10, order(1, 1, 2, "2.50", "placed", at("03:10"))),
                insert(11, order(2, 1, 1, "4.00", "paid", at("03:50"))),
                insert(12, order(3, 2, 3, "1.10", "placed", at("04:05")))));

        assertThat(out.windows()).containsEntry(minute("03:00", "Toys"), totals(2, 3, "9.00"))
                .containsEntry(minute("04:00", "Books"), totals(1, 3, "3.30"));
        // 03:10 lies in the windows starting 23:00 of the hour before ... 03:00
        assertThat(out.windows()).containsEntry(new ProductWindow(at("-1:00"), at("04:00"), 1), totals(2, 3, "9.00"))
                .containsEntry(fiveMinutes("03:00", 1), totals(2, 3, "9.00"))
                .containsEntry(fiveMinutes("04:00", 2), totals(1, 3, "3.30"))
                .containsEntry(fiveMinutes("00:00", 2), totals(1, 3, "3.30"));
        assertThat(out.windows().keySet().stream().filter(k -> k instanceof ProductWindow p && p.productId() == 1))
                .hasSize(5);
        assertThat(out.windows()).hasSize(2 + 5 + 5);
        assertThat(out.watermarkBefore()).isNull();
        assertThat(out.watermarkAfter()).isEqualTo(at("02:05"));
    }

    @Test
    void outOfOrderWithinTheWatermarkIsApplied() {
        windows.apply(CATEGORIES, List.of(insert(10, order(1, 1, 1, "5", "placed", at("05:30")))));
        // watermark 03:30: the window [04:00, 05:00) is still open
        BatchOutcome out = windows.apply(CATEGORIES, List.of(insert(11, order(2, 1, 2, "5", "placed", at("04:10")))));

        assertThat(out.late()).isEmpty();
        assertThat(out.lateChanges()).isZero();
        assertThat(out.windows()).containsEntry(minute("04:00", "Toys"), totals(1, 2, "10"))
                .containsEntry(fiveMinutes("01:00", 1), totals(2, 3, "15"));
    }

    @Test
    void aChangeBeyondTheWatermarkIsKeptAsLateAndNotApplied() {
        windows.apply(CATEGORIES, List.of(insert(10, order(1, 1, 1, "5", "placed", at("05:30")))));
        // watermark 03:30: [02:00, 03:00) is closed; of the five sliding windows holding 02:10 the one ending 03:00
        BatchOutcome out = windows.apply(CATEGORIES, List.of(insert(11, order(2, 1, 3, "2", "placed", at("02:10")))));

        assertThat(out.lateChanges()).isEqualTo(1);
        assertThat(out.late()).extracting(LateChange::window)
                .containsExactlyInAnyOrder(minute("02:00", "Toys"), new ProductWindow(at("-2:00"), at("03:00"), 1));
        assertThat(out.late()).allSatisfy(l -> {
            assertThat(l.delta()).isEqualTo(totals(1, 3, "6"));
            assertThat(l.orderId()).isEqualTo(2);
            assertThat(l.watermark()).isEqualTo(at("03:30"));
        });
        // the open windows of the same change are applied; no closed window changes
        assertThat(out.windows()).containsOnlyKeys(fiveMinutes("-1:00", 1), fiveMinutes("00:00", 1),
                fiveMinutes("01:00", 1), fiveMinutes("02:00", 1));
        assertThat(out.windows()).containsEntry(fiveMinutes("-1:00", 1), totals(1, 3, "6"))
                .containsEntry(fiveMinutes("02:00", 1), totals(2, 4, "11"));
    }

    @Test
    void anUpdateMovesTheContributionAndADeleteRetractsIt() {
        OrderImage placed = order(1, 1, 2, "3.00", "placed", at("01:20"));
        OrderImage more = order(1, 1, 5, "3.00", "paid", at("01:20"));
        OrderImage other = order(2, 1, 1, "7.00", "placed", at("01:40"));
        windows.apply(CATEGORIES, List.of(insert(10, placed), insert(11, other)));

        BatchOutcome updated = windows.apply(CATEGORIES, List.of(update(12, placed, more)));
        assertThat(updated.windows()).containsEntry(minute("01:00", "Toys"), totals(2, 6, "22.00"));

        BatchOutcome cancelled = windows.apply(CATEGORIES,
                List.of(update(13, more, order(1, 1, 5, "3.00", "cancelled", at("01:20")))));
        assertThat(cancelled.windows()).containsEntry(minute("01:00", "Toys"), totals(1, 1, "7.00"));

        BatchOutcome deleted = windows.apply(CATEGORIES, List.of(delete(14, other)));
        assertThat(deleted.windows()).containsEntry(minute("01:00", "Toys"), Totals.ZERO)
                .containsEntry(fiveMinutes("01:00", 1), Totals.ZERO);
        assertThat(windows.openWindows()).isEmpty();
    }

    @Test
    void anOrderMovedToAnotherProductLeavesOneCategoryForTheOther() {
        OrderImage toy = order(1, 1, 1, "9.99", "placed", at("00:30"));
        windows.apply(CATEGORIES, List.of(insert(10, toy)));
        BatchOutcome out = windows.apply(CATEGORIES, List.of(update(11, toy, order(1, 2, 1, "9.99", "placed", at("00:30")))));

        assertThat(out.windows()).containsEntry(minute("00:00", "Toys"), Totals.ZERO)
                .containsEntry(minute("00:00", "Books"), totals(1, 1, "9.99"));
    }

    @Test
    void aReplayedChangeCountsOnceInTheSameBatchAndInALaterOne() {
        OrderChange first = insert(10, order(1, 1, 2, "1.50", "placed", at("00:10")));
        BatchOutcome out = windows.apply(CATEGORIES, List.of(first, first));
        assertThat(out.duplicates()).isEqualTo(1);
        assertThat(out.windows()).containsEntry(minute("00:00", "Toys"), totals(1, 2, "3.00"));

        OrderChange second = update(11, first.after(), order(1, 1, 3, "1.50", "placed", at("00:10")));
        BatchOutcome replay = windows.apply(CATEGORIES, List.of(first, second, second));
        assertThat(replay.duplicates()).isEqualTo(2);
        assertThat(replay.windows()).containsEntry(minute("00:00", "Toys"), totals(1, 3, "4.50"));
        assertThat(windows.openWindows()).containsEntry(minute("00:00", "Toys"), totals(1, 3, "4.50"));
    }

    @Test
    void aSnapshotReadAndAStreamedChangeAtTheSameLsnAreBothApplied() {
        OrderImage read = order(1, 1, 1, "2", "placed", at("00:10"));
        windows.apply(CATEGORIES, List.of(new OrderChange(1, Op.READ, 50, null, read)));
        BatchOutcome out = windows.apply(CATEGORIES, List.of(update(50, read, order(1, 1, 4, "2", "placed", at("00:10")))));

        assertThat(out.duplicates()).isZero();
        assertThat(out.windows()).containsEntry(minute("00:00", "Toys"), totals(1, 4, "8"));
    }

    @Test
    void theWatermarkClosesWindowsAndNeverMovesBack() {
        windows.apply(CATEGORIES, List.of(insert(10, order(1, 1, 1, "1", "placed", at("00:10")))));
        BatchOutcome out = windows.apply(CATEGORIES, List.of(insert(11, order(2, 2, 1, "1", "placed", at("07:00")))));
        assertThat(out.watermarkAfter()).isEqualTo(at("05:00"));
        // order 1's minute [00:00, 01:00) and its sliding windows ending up to 05:00 closed
        assertThat(out.closedWindows()).isEqualTo(1 + 5);
        assertThat(windows.openWindows()).doesNotContainKey(minute("00:00", "Toys"))
                .containsKey(minute("07:00", "Books"));

        BatchOutcome older = windows.apply(CATEGORIES, List.of(insert(12, order(3, 2, 1, "1", "placed", at("06:00")))));
        assertThat(older.watermarkAfter()).isEqualTo(at("05:00"));
        assertThat(older.late()).isEmpty();
    }

    @Test
    void aProductSeenInTheSameBatchGivesTheCategoryAndAnUnknownOneIsKeptApart() {
        BatchOutcome out = windows.apply(Map.of(7L, "Garden"), List.of(
                insert(10, order(1, 7, 1, "1", "placed", at("00:10"))),
                insert(11, order(2, 8, 1, "1", "placed", at("00:10")))));

        assertThat(out.windows()).containsEntry(minute("00:00", "Garden"), totals(1, 1, "1"))
                .containsEntry(minute("00:00", GoldWindows.UNKNOWN_CATEGORY), totals(1, 1, "1"));
    }

    @Test
    void anUpdateWithoutBeforeImageIsRefusedWithTheFix() {
        assertThatThrownBy(() -> new OrderChange(1, Op.UPDATE, 10, null, order(1, 1, 1, "1", "paid", at("00:00"))))
                .hasMessageContaining("REPLICA IDENTITY FULL").hasMessageContaining("order 1");
    }

    /**
     * A seeded stream of inserts, updates (quantity, status, product) and deletes with event times up to 4 minutes
     * out of order, replays among them, in batches: the windows as a sink holds them, plus the late deltas, equal a
     * recomputation from the final orders.
     */
    @Test
    void windowsPlusLateChangesEqualARecomputationFromTheFinalRows() {
        SeededOrderStream stream = new SeededOrderStream(42, 2, 90);
        Map<WindowKey, Totals> sink = new HashMap<>();
        Map<WindowKey, Totals> lateByWindow = new HashMap<>();
        List<OrderChange> sent = new ArrayList<>();
        long lateChanges = 0;
        long duplicates = 0;
        long replays = 0;
        for (int batch = 0; batch < 60; batch++) {
            List<OrderChange> changes = stream.next(20, at("00:00").plusSeconds(batch * 10L), 240);
            if (!sent.isEmpty() && batch % 7 == 3) {
                changes.add(stream.pick(sent)); // a replay of an earlier change
                replays++;
            }
            sent.addAll(changes);
            BatchOutcome out = windows.apply(CATEGORIES, changes);
            out.windows().forEach((k, v) -> {
                if (v.isZero()) {
                    sink.remove(k);
                } else {
                    sink.put(k, v);
                }
            });
            out.late().forEach(l -> lateByWindow.merge(l.window(), l.delta(), Totals::plus));
            lateChanges += out.lateChanges();
            duplicates += out.duplicates();
        }

        Map<WindowKey, Totals> recomputed = recompute(stream.finalRows());
        Map<WindowKey, Totals> servedPlusLate = new HashMap<>(sink);
        lateByWindow.forEach((k, v) -> servedPlusLate.merge(k, v, Totals::plus));
        servedPlusLate.values().removeIf(Totals::isZero);
        assertThat(servedPlusLate).isEqualTo(recomputed);
        assertThat(lateChanges).as("the stream is out of order by more than the watermark").isPositive();
        assertThat(duplicates).isEqualTo(replays).isEqualTo(9);
    }

    /** The batch answer: every counting order in its windows, grouped. */
    private static Map<WindowKey, Totals> recompute(Iterable<OrderImage> rows) {
        Map<WindowKey, Totals> result = new HashMap<>();
        for (OrderImage o : rows) {
            if (!o.counts()) {
                continue;
            }
            Instant minute = GoldTable.REVENUE_BY_CATEGORY_1M.windows().startsOf(o.orderedAt()).get(0);
            result.merge(new CategoryWindow(minute, minute.plusSeconds(60), CATEGORIES.get(o.productId())), o.totals(),
                    Totals::plus);
            for (Instant start : GoldTable.TOP_PRODUCTS_5M.windows().startsOf(o.orderedAt())) {
                result.merge(new ProductWindow(start, start.plusSeconds(300), o.productId()), o.totals(), Totals::plus);
            }
        }
        return result;
    }
}
