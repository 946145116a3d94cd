package io.tributary.lakehouse.gold;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gold windows as a state machine over micro-batches, with no Spark in it. Per batch:
 * <ol>
 *   <li>products' changes first: the category of each product is kept as state (so an order and its new product in
 *       one batch find the category);</li>
 *   <li>each order change in source order: a change already applied (same order, position not after the last applied
 *       one) is a duplicate and skipped; otherwise the before-image is retracted and the after-image added to each of
 *       their windows. A contribution to a window the watermark has closed is late: kept and counted, never applied;</li>
 *   <li>then the watermark moves to the latest event time seen minus the delay (never back), as Spark's does after a
 *       batch, and closes every window ending at or before it.</li>
 * </ol>
 * Everything it holds is serializable: the stage stores it after every batch and restores it on restart.
 */
public final class GoldWindows implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Category of an order whose product the stage has not seen (kept apart, never dropped). */
    public static final String UNKNOWN_CATEGORY = "unknown";

    private final Duration delay;
    private long watermarkMs = Long.MIN_VALUE;
    private long maxEventMs = Long.MIN_VALUE;
    private final Map<WindowKey, Totals> open = new HashMap<>();
    private final Map<Long, String> categories = new HashMap<>();
    /**
     * Per order ever changed: the last applied position ({@link SourcePosition#encoded()}). Kept for every order, not
     * only those with open windows, so that a replay of an old change is recognised whenever it comes (16 bytes an
     * order when stored; docs/gold.md names the limit).
     */
    private final Map<Long, Long> applied = new HashMap<>();

    public GoldWindows(Duration watermarkDelay) {
        if (watermarkDelay.isNegative()) {
            throw new IllegalArgumentException("the watermark delay must not be negative: " + watermarkDelay);
        }
        this.delay = watermarkDelay;
    }

    /** Applies one batch: products' categories, then the order changes. */
    public BatchOutcome apply(Map<Long, String> productCategories, List<OrderChange> orderChanges) {
        productCategories.forEach((id, category) -> {
            if (category != null) {
                categories.put(id, category);
            }
        });
        Instant watermarkBefore = watermark();
        Map<WindowKey, Totals> touched = new LinkedHashMap<>();
        List<LateChange> late = new ArrayList<>();
        long lateChanges = 0;
        long duplicates = 0;
        List<OrderChange> ordered = new ArrayList<>(orderChanges);
        ordered.sort(Comparator.comparing(OrderChange::position));
        for (OrderChange change : ordered) {
            long eventMs = change.eventTime().toEpochMilli();
            maxEventMs = Math.max(maxEventMs, eventMs);
            Long last = applied.get(change.orderId());
            if (last != null && change.position().encoded() <= last) {
                duplicates++;
                continue;
            }
            boolean wasLate = false;
            for (Map.Entry<WindowKey, Totals> c : contributions(change).entrySet()) {
                WindowKey key = c.getKey();
                if (key.end().toEpochMilli() <= watermarkMs) {
                    late.add(new LateChange(change.orderId(), change.op().code(), change.position(), key, c.getValue(),
                            change.eventTime(), watermarkBefore));
                    wasLate = true;
                } else {
                    Totals now = open.getOrDefault(key, Totals.ZERO).plus(c.getValue());
                    if (now.isZero()) {
                        open.remove(key);
                    } else {
                        open.put(key, now);
                    }
                    touched.put(key, now);
                }
            }
            lateChanges += wasLate ? 1 : 0;
            applied.put(change.orderId(), change.position().encoded());
        }
        if (maxEventMs != Long.MIN_VALUE) {
            watermarkMs = Math.max(watermarkMs, maxEventMs - delay.toMillis());
        }
        int closed = close();
        return new BatchOutcome(touched, late, lateChanges, duplicates, watermarkBefore, watermark(), closed);
    }

    /** The signed contribution of a change to each window: minus the before-image, plus the after-image. */
    Map<WindowKey, Totals> contributions(OrderChange change) {
        Map<WindowKey, Totals> sum = new LinkedHashMap<>();
        if (change.before() != null) {
            add(sum, change.before(), true);
        }
        if (change.after() != null) {
            add(sum, change.after(), false);
        }
        sum.values().removeIf(Totals::isZero);
        return sum;
    }

    private void add(Map<WindowKey, Totals> sum, OrderImage image, boolean retract) {
        Totals totals = image.totals();
        if (totals.isZero()) {
            return;
        }
        Totals signed = retract ? totals.negate() : totals;
        String category = categories.getOrDefault(image.productId(), UNKNOWN_CATEGORY);
        for (WindowKey key : keys(image, category)) {
            sum.merge(key, signed, Totals::plus);
        }
    }

    private static List<WindowKey> keys(OrderImage image, String category) {
        List<WindowKey> keys = new ArrayList<>();
        WindowSpec tumbling = GoldTable.REVENUE_BY_CATEGORY_1M.windows();
        for (Instant start : tumbling.startsOf(image.orderedAt())) {
            keys.add(new WindowKey.CategoryWindow(start, start.plus(tumbling.size()), category));
        }
        WindowSpec sliding = GoldTable.TOP_PRODUCTS_5M.windows();
        for (Instant start : sliding.startsOf(image.orderedAt())) {
            keys.add(new WindowKey.ProductWindow(start, start.plus(sliding.size()), image.productId()));
        }
        return keys;
    }

    /** Drops the windows the watermark closed. */
    private int close() {
        int before = open.size();
        open.keySet().removeIf(k -> k.end().toEpochMilli() <= watermarkMs);
        return before - open.size();
    }

    /** Windows ending at or before this instant are closed; null before any change was seen. */
    public Instant watermark() {
        return watermarkMs == Long.MIN_VALUE ? null : Instant.ofEpochMilli(watermarkMs);
    }

    /** The open windows and their totals (a copy). */
    public Map<WindowKey, Totals> openWindows() {
        return Map.copyOf(open);
    }

    public Duration delay() {
        return delay;
    }
}
