package io.tributary.lakehouse.gold;

import static io.tributary.lakehouse.gold.GoldWindowsTest.at;
import static io.tributary.lakehouse.gold.GoldWindowsTest.minute;
import static io.tributary.lakehouse.gold.GoldWindowsTest.order;
import static io.tributary.lakehouse.gold.OrderChanges.insert;
import static io.tributary.lakehouse.gold.OrderChanges.totals;
import static io.tributary.lakehouse.gold.OrderChanges.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.tributary.lakehouse.gold.WindowKey.CategoryWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Late-arriving products: an order read before its product counts under {@code unknown} and moves to the product's
 * category when the product comes (by late changes when its minute has closed); a category change moves the open
 * minutes; a retraction leaves the category the image was counted under. The served rows plus the late deltas equal a
 * recomputation that joins the products as they are at the end (docs/gold.md, "Category").
 */
class GoldWindowsCategoryTest {

    private static final String UNKNOWN = GoldWindows.UNKNOWN_CATEGORY;

    private final GoldWindows windows = new GoldWindows(Duration.ofMinutes(2));
    /** revenue_by_category_1m as serving holds it, and the late deltas per window. */
    private final Map<WindowKey, Totals> served = new HashMap<>();
    private final Map<WindowKey, Totals> lateDeltas = new HashMap<>();

    private BatchOutcome apply(Map<Long, String> products, List<OrderChange> orders) {
        BatchOutcome out = windows.apply(products, orders);
        out.windows().forEach((k, v) -> {
            if (k instanceof CategoryWindow) {
                if (v.isZero()) {
                    served.remove(k);
                } else {
                    served.put(k, v);
                }
            }
        });
        out.late().stream().filter(l -> l.window() instanceof CategoryWindow)
                .forEach(l -> lateDeltas.merge(l.window(), l.delta(), Totals::plus));
        return out;
    }

    /** What {@code gold check} compares: served plus late, rows at zero gone. */
    private Map<WindowKey, Totals> servedPlusLate() {
        Map<WindowKey, Totals> sum = new HashMap<>(served);
        lateDeltas.forEach((k, v) -> sum.merge(k, v, Totals::plus));
        sum.values().removeIf(Totals::isZero);
        return sum;
    }

    /** GoldRecomputation's revenue_by_category_1m: counting orders joined with the products, unknown when missing. */
    private static Map<WindowKey, Totals> recompute(Iterable<OrderImage> rows, Map<Long, String> categories) {
        Map<WindowKey, Totals> result = new HashMap<>();
        for (OrderImage o : rows) {
            if (o.counts()) {
                Instant start = GoldTable.REVENUE_BY_CATEGORY_1M.windows().startsOf(o.orderedAt()).get(0);
                result.merge(new CategoryWindow(start, start.plusSeconds(60),
                        categories.getOrDefault(o.productId(), UNKNOWN)), o.totals(), Totals::plus);
            }
        }
        return result;
    }

    @Test
    void anOrderReadBeforeItsProductMovesToTheCategoryWhenTheProductComes() {
        apply(Map.of(1L, "Toys"), List.of(insert(10, order(1, 8, 2, "3.00", "placed", at("00:10"))),
                insert(11, order(2, 1, 1, "5.00", "placed", at("00:20")))));
        assertThat(served).containsEntry(minute("00:00", UNKNOWN), totals(1, 2, "6.00"));

        BatchOutcome out = apply(Map.of(8L, "Garden"), List.of());

        assertThat(out.recategorized()).isEqualTo(1);
        assertThat(out.late()).isEmpty();
        assertThat(out.lateChanges()).isZero();
        assertThat(out.windows()).containsOnly(entry(minute("00:00", UNKNOWN), Totals.ZERO),
                entry(minute("00:00", "Garden"), totals(1, 2, "6.00")));
        assertThat(served).containsOnly(entry(minute("00:00", "Garden"), totals(1, 2, "6.00")),
                entry(minute("00:00", "Toys"), totals(1, 1, "5.00")));
        assertThat(windows.openWindows()).doesNotContainKey(minute("00:00", UNKNOWN));
    }

    @Test
    void aRetractionAfterTheMoveLeavesTheCategoryTheOrderWasMovedTo() {
        OrderImage placed = order(1, 8, 2, "3.00", "placed", at("00:10"));
        OrderImage more = order(1, 8, 5, "3.00", "paid", at("00:10"));
        apply(Map.of(), List.of(insert(10, placed), insert(11, order(2, 9, 1, "1.00", "placed", at("00:20")))));
        apply(Map.of(8L, "Garden"), List.of());

        BatchOutcome updated = apply(Map.of(), List.of(update(12, placed, more)));
        assertThat(updated.windows()).containsEntry(minute("00:00", "Garden"), totals(1, 5, "15.00"))
                .doesNotContainKey(minute("00:00", UNKNOWN));
        // order 2's product is still unknown: its row is untouched by order 1's retraction
        assertThat(served).containsEntry(minute("00:00", UNKNOWN), totals(1, 1, "1.00"));

        BatchOutcome cancelled = apply(Map.of(), List.of(update(13, more,
                order(1, 8, 5, "3.00", "cancelled", at("00:10")))));
        assertThat(cancelled.windows()).containsEntry(minute("00:00", "Garden"), Totals.ZERO)
                .doesNotContainKey(minute("00:00", UNKNOWN));
        assertThat(windows.openWindows().keySet().stream().filter(k -> k instanceof CategoryWindow))
                .containsExactly(minute("00:00", UNKNOWN));
    }

    @Test
    void anOrderInAMinuteClosedBeforeItsProductCameMovesByLateChanges() {
        OrderImage early = order(1, 8, 2, "3.00", "placed", at("00:10"));
        apply(Map.of(1L, "Toys"), List.of(insert(10, early), insert(11, order(2, 1, 1, "5.00", "placed", at("00:20")))));
        OrderImage later = order(3, 1, 1, "2.00", "placed", at("05:00"));
        BatchOutcome closing = apply(Map.of(), List.of(insert(12, later)));
        assertThat(closing.watermarkAfter()).isEqualTo(at("03:00"));

        BatchOutcome out = apply(Map.of(8L, "Garden"), List.of());

        assertThat(out.windows()).isEmpty(); // a closed row is final
        assertThat(out.recategorized()).isEqualTo(1);
        assertThat(out.lateChanges()).as("no order change met a closed window").isZero();
        assertThat(out.late()).extracting(LateChange::window, LateChange::delta, LateChange::orderId,
                        LateChange::watermark)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(minute("00:00", UNKNOWN),
                                totals(-1, -2, "-6.00"), 1L, at("03:00")),
                        org.assertj.core.groups.Tuple.tuple(minute("00:00", "Garden"), totals(1, 2, "6.00"), 1L,
                                at("03:00")));
        assertThat(out.late()).allSatisfy(l -> assertThat(l.position()).isEqualTo(insert(10, early).position()));

        // a late update of that order retracts from the category it was moved to
        BatchOutcome lateUpdate = apply(Map.of(), List.of(update(13, early, order(1, 8, 4, "3.00", "paid", at("00:10")))));
        assertThat(lateUpdate.late()).extracting(LateChange::window).containsOnly(minute("00:00", "Garden"),
                new WindowKey.ProductWindow(at("-4:00"), at("01:00"), 8), new WindowKey.ProductWindow(at("-3:00"),
                        at("02:00"), 8), new WindowKey.ProductWindow(at("-2:00"), at("03:00"), 8));

        List<OrderImage> rows = List.of(order(1, 8, 4, "3.00", "paid", at("00:10")),
                order(2, 1, 1, "5.00", "placed", at("00:20")), later);
        assertThat(servedPlusLate()).isEqualTo(recompute(rows, Map.of(1L, "Toys", 8L, "Garden")));
        assertThat(served).containsEntry(minute("00:00", UNKNOWN), totals(1, 2, "6.00"));
    }

    @Test
    void aCategoryChangeMovesTheOpenMinutesAndLeavesTheClosedOnesAsTheyClosed() {
        apply(Map.of(1L, "Toys"), List.of(insert(10, order(1, 1, 1, "4.00", "placed", at("00:10")))));
        OrderImage open = order(2, 1, 3, "1.00", "placed", at("05:00"));
        apply(Map.of(), List.of(insert(11, open)));

        BatchOutcome out = apply(Map.of(1L, "Games"), List.of(update(12, open, order(2, 1, 2, "1.00", "paid", at("05:00")))));

        assertThat(out.recategorized()).isEqualTo(1);
        assertThat(out.late()).as("the closed minute 00:00 stays Toys (not remembered)").isEmpty();
        assertThat(out.windows()).containsEntry(minute("05:00", "Toys"), Totals.ZERO)
                .containsEntry(minute("05:00", "Games"), totals(1, 2, "2.00"));
        assertThat(served).containsOnly(entry(minute("00:00", "Toys"), totals(1, 1, "4.00")),
                entry(minute("05:00", "Games"), totals(1, 2, "2.00")));
    }

    @Test
    void aProductWithoutCategoryCountsUnderUnknownAsTheRecomputationsCoalesceDoes() {
        apply(Map.of(1L, "Toys"), List.of(insert(10, order(1, 1, 1, "4.00", "placed", at("00:10")))));

        BatchOutcome out = apply(java.util.Collections.singletonMap(1L, null), List.of());

        assertThat(out.windows()).containsOnly(entry(minute("00:00", "Toys"), Totals.ZERO),
                entry(minute("00:00", UNKNOWN), totals(1, 1, "4.00")));
    }

    @Test
    void replayedProductsAndOrdersMoveNothingTwice() {
        OrderChange first = insert(10, order(1, 8, 2, "3.00", "placed", at("00:10")));
        OrderChange second = insert(11, order(2, 8, 1, "3.00", "placed", at("00:40")));
        apply(Map.of(), List.of(first, second));

        BatchOutcome arrived = apply(Map.of(8L, "Garden"), List.of(first));
        assertThat(arrived.duplicates()).isEqualTo(1);
        assertThat(arrived.recategorized()).isEqualTo(2);
        assertThat(arrived.windows()).containsEntry(minute("00:00", "Garden"), totals(2, 3, "9.00"));

        // the same product image again (a replay, or a stock update of it): nothing moves
        BatchOutcome again = apply(Map.of(8L, "Garden"), List.of(first, second));
        assertThat(again.recategorized()).isZero();
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(again.windows()).isEmpty();
        assertThat(served).containsOnly(entry(minute("00:00", "Garden"), totals(2, 3, "9.00")));
    }

    /**
     * A seeded stream in batches: products 3 and 4 show up only after many of their orders (some in minutes closed by
     * then), their product images are replayed, orders are updated (quantity, status, product), deleted and replayed.
     * Served plus late equals the recomputation with the final products.
     */
    @Test
    void servedPlusLateEqualsARecomputationWhenProductsArriveLate() {
        SeededOrderStream stream = new SeededOrderStream(7, 4, 50);
        Map<Long, String> categories = new HashMap<>(Map.of(1L, "Toys", 2L, "Books"));
        List<OrderChange> sent = new ArrayList<>();
        long lateFromMoves = 0;
        for (int batch = 0; batch < 60; batch++) {
            Map<Long, String> products = new HashMap<>();
            if (batch == 0 || batch % 9 == 0) {
                products.putAll(categories); // the known ones again, as a stock update re-sends them
            }
            if (batch == 25 || batch == 50) {
                long product = batch == 25 ? 3 : 4;
                categories.put(product, batch == 25 ? "Garden" : "Music");
                BatchOutcome arrived = apply(Map.of(product, categories.get(product)), List.of());
                assertThat(arrived.recategorized()).isPositive();
                lateFromMoves += arrived.late().size();
            }
            List<OrderChange> changes = stream.next(15, at("00:00").plusSeconds(batch * 10L), 200);
            if (batch % 5 == 2) {
                changes.add(stream.pick(sent));
            }
            sent.addAll(changes);
            apply(products, changes);
        }

        assertThat(servedPlusLate()).isEqualTo(recompute(stream.finalRows(), categories));
        assertThat(lateFromMoves).as("some orders' minutes closed before their product came").isPositive();
        assertThat(served.keySet()).as("rows under unknown once served, closed before the products came")
                .anyMatch(k -> ((CategoryWindow) k).category().equals(UNKNOWN));
    }
}
