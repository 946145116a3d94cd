package io.tributary.lakehouse.gold;

import io.tributary.lakehouse.gold.WindowKey.CategoryWindow;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each order's contribution to {@code revenue_by_category_1m} is counted: the minute and the category its
 * current image was counted under, as plain state. A retraction takes its category from here (not from the product as
 * it is now), and when a product's category becomes known or changes, the contributions of its orders move to it.
 * <p>
 * An order is kept while its minute is open, and while it is counted under {@link GoldWindows#UNKNOWN_CATEGORY}
 * whether open or closed: a closed minute's row is final, but when the product shows up, the contribution moves by
 * late changes (retract from {@code unknown}, add to the category), so the closed row plus its late deltas still equals
 * a recomputation that joins the product. Orders of a closed minute under a known category are forgotten: the state
 * stays bounded by the watermark, plus the orders of products never seen.
 */
final class CategoryAttributions implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * One order's current contribution: its product, its minute with the category it was counted under, its totals,
     * and the change that made it (for the late changes a move into a closed minute writes).
     */
    record Attribution(long orderId, long productId, CategoryWindow window, Totals totals, String op,
                       SourcePosition position, Instant eventTime) implements Serializable {

        boolean closedBy(long watermarkMs) {
            return window.end().toEpochMilli() <= watermarkMs;
        }

        boolean unknown() {
            return GoldWindows.UNKNOWN_CATEGORY.equals(window.category());
        }

        Attribution to(String category) {
            return new Attribution(orderId, productId, new CategoryWindow(window.start(), window.end(), category),
                    totals, op, position, eventTime);
        }
    }

    /** A contribution that leaves one category for another in the same minute. */
    record Move(Attribution from, Attribution to) {
    }

    private final Map<Long, Attribution> byOrder = new HashMap<>();

    /**
     * The category the image was counted under, or null when this state does not know: the order's minute is closed
     * and forgotten, or the image is not the one counted (another product or minute: a change gold never saw).
     */
    String countedCategory(OrderImage image, CategoryWindow minute) {
        Attribution a = byOrder.get(image.orderId());
        return a != null && a.productId() == image.productId() && a.window().start().equals(minute.start())
                ? a.window().category() : null;
    }

    /**
     * Records where an order's new image is counted ({@code minute} null or zero totals: it counts nowhere now, e.g.
     * cancelled or deleted), keeping it only while the minute is open or the category unknown.
     */
    void counted(OrderChange change, OrderImage image, CategoryWindow minute, long watermarkMs) {
        Totals totals = image == null ? Totals.ZERO : image.totals();
        if (minute == null || totals.isZero()) {
            byOrder.remove(change.orderId());
            return;
        }
        keep(new Attribution(change.orderId(), image.productId(), minute, totals, change.op().code(),
                change.position(), image.orderedAt()), watermarkMs);
    }

    /**
     * Moves the contributions of the orders of each product whose category changed (product id to its category now)
     * and returns the moves, in order id order (a deterministic batch output).
     */
    List<Move> recategorize(Map<Long, String> categoryNow, long watermarkMs) {
        List<Move> moves = new ArrayList<>();
        if (categoryNow.isEmpty()) {
            return moves;
        }
        for (Attribution a : byOrder.values()) {
            String category = categoryNow.get(a.productId());
            if (category != null && !category.equals(a.window().category())) {
                moves.add(new Move(a, a.to(category)));
            }
        }
        moves.sort((x, y) -> Long.compare(x.from().orderId(), y.from().orderId()));
        moves.forEach(m -> keep(m.to(), watermarkMs));
        return moves;
    }

    /** Forgets the orders of minutes the watermark closed whose category is known. */
    void close(long watermarkMs) {
        byOrder.values().removeIf(a -> a.closedBy(watermarkMs) && !a.unknown());
    }

    private void keep(Attribution a, long watermarkMs) {
        if (a.closedBy(watermarkMs) && !a.unknown()) {
            byOrder.remove(a.orderId());
        } else {
            byOrder.put(a.orderId(), a);
        }
    }
}
