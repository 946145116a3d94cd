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
 *   <li>products' and customers' changes first: the latest image of each is kept as state (so an order and its new
 *       product in one batch find the category, and the enriched topic its customer and product);</li>
 *   <li>each order change in source order: a change already applied (same order, position not after the last applied
 *       one) is a duplicate and skipped; otherwise the before-image is retracted and the after-image added to each of
 *       their windows and to the customer's sessions ({@link CustomerSessions}). A contribution to a window the
 *       watermark has closed is late: kept and counted, never applied. The abandoned-order rule follows the change
 *       ({@link AbandonedOrders});</li>
 *   <li>then the watermark moves to the latest event time seen minus the delay (never back), as Spark's does after a
 *       batch, closes every window and session ending at or before it, and finds the orders it made abandoned.</li>
 * </ol>
 * Everything it holds is serializable: the stage stores it after every batch and restores it on restart.
 */
public final class GoldWindows implements Serializable {

    private static final long serialVersionUID = 2L;
    /** Category of an order whose product the stage has not seen (kept apart, never dropped). */
    public static final String UNKNOWN_CATEGORY = "unknown";

    private final Duration delay;
    private long watermarkMs = Long.MIN_VALUE;
    private long maxEventMs = Long.MIN_VALUE;
    private final Map<WindowKey, Totals> open = new HashMap<>();
    private final Map<Long, String> categories = new HashMap<>();
    private final Map<Long, ProductFacts> products = new HashMap<>();
    private final Map<Long, CustomerFacts> customers = new HashMap<>();
    private final CustomerSessions sessions;
    private final AbandonedOrders abandoned;
    /**
     * Per order ever changed: the last applied position ({@link SourcePosition#encoded()}). Kept for every order, not
     * only those with open windows, so that a replay of an old change is recognised whenever it comes (16 bytes an
     * order when stored; docs/gold.md names the limit).
     */
    private final Map<Long, Long> applied = new HashMap<>();

    /** Windows with the default session gap (5 minutes) and abandonment delay (10 minutes). */
    public GoldWindows(Duration watermarkDelay) {
        this(watermarkDelay, Duration.ofMinutes(5), Duration.ofMinutes(10));
    }

    public GoldWindows(Duration watermarkDelay, Duration sessionGap, Duration abandonedAfter) {
        if (watermarkDelay.isNegative()) {
            throw new IllegalArgumentException("the watermark delay must not be negative: " + watermarkDelay);
        }
        this.delay = watermarkDelay;
        this.sessions = new CustomerSessions(sessionGap);
        this.abandoned = new AbandonedOrders(abandonedAfter);
    }

    /** Applies one batch given products' categories only (no customers). */
    public BatchOutcome apply(Map<Long, String> productCategories, List<OrderChange> orderChanges) {
        Map<Long, ProductFacts> facts = new HashMap<>();
        productCategories.forEach((id, category) -> facts.put(id, new ProductFacts(id, null, category, null)));
        return apply(new GoldBatch(facts, Map.of(), orderChanges));
    }

    /** Applies one batch: products and customers, then the order changes. */
    public BatchOutcome apply(GoldBatch batch) {
        batch.products().forEach((id, product) -> {
            products.put(id, product);
            if (product.category() != null) {
                categories.put(id, product.category());
            }
        });
        customers.putAll(batch.customers());
        Instant watermarkBefore = watermark();
        Map<WindowKey, Totals> touched = new LinkedHashMap<>();
        List<LateChange> late = new ArrayList<>();
        List<LateChange> lateSessions = new ArrayList<>();
        List<EnrichedOrder> enriched = new ArrayList<>();
        long lateChanges = 0;
        long duplicates = 0;
        List<OrderChange> ordered = new ArrayList<>(batch.orders());
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
            List<LateChange> lateOfSessions = sessions.apply(change, watermarkMs, watermarkBefore);
            lateSessions.addAll(lateOfSessions);
            lateChanges += wasLate || !lateOfSessions.isEmpty() ? 1 : 0;
            abandoned.apply(change);
            enriched.add(enrich(change));
            applied.put(change.orderId(), change.position().encoded());
        }
        if (maxEventMs != Long.MIN_VALUE) {
            watermarkMs = Math.max(watermarkMs, maxEventMs - delay.toMillis());
        }
        int closed = close();
        Map<WindowKey, Totals> changedSessions = sessions.changed();
        int closedSessions = sessions.close(watermarkMs);
        return new BatchOutcome(touched, late, lateChanges, duplicates, watermarkBefore, watermark(), closed,
                changedSessions, lateSessions, closedSessions, abandoned.due(watermark()), enriched);
    }

    private EnrichedOrder enrich(OrderChange change) {
        OrderImage image = change.after() != null ? change.after() : change.before();
        return new EnrichedOrder(change, customers.get(image.customerId()), products.get(image.productId()));
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

    /** The open customer sessions and their totals (a copy). */
    public Map<WindowKey, Totals> openSessions() {
        return sessions.openSessions();
    }

    public Duration delay() {
        return delay;
    }

    public Duration sessionGap() {
        return sessions.gap();
    }
}
