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
 *       product in one batch find the category, and the enriched topic its customer and product). A product whose
 *       category becomes known or changes takes the contributions of its orders along ({@link CategoryAttributions}):
 *       in an open minute they move from the old category's row to the new one's; in a closed minute (only from
 *       {@value #UNKNOWN_CATEGORY}: orders read before their product) the move is a pair of late changes;</li>
 *   <li>each order change in source order: a change already applied (same order, position not after the last applied
 *       one) is a duplicate and skipped; otherwise the before-image is retracted and the after-image added to each of
 *       their windows and to the customer's sessions ({@link CustomerSessions}). The before-image is retracted from the
 *       category it was counted under, not the product's category now. A contribution to a window the
 *       watermark has closed is late: kept and counted, never applied. The abandoned-order rule follows the change
 *       ({@link AbandonedOrders});</li>
 *   <li>then the watermark moves to the latest event time seen minus the delay (never back), as Spark's does after a
 *       batch, closes every window and session ending at or before it, and finds the orders it made abandoned.</li>
 * </ol>
 * Everything it holds is serializable: the stage stores it after every batch and restores it on restart.
 */
public final class GoldWindows implements Serializable {

    /** 3: the category each order is counted under ({@link CategoryAttributions}); a state of 2 is refused. */
    private static final long serialVersionUID = 3L;
    /** Category of an order whose product the stage has not seen (kept apart, never dropped). */
    public static final String UNKNOWN_CATEGORY = "unknown";

    private final Duration delay;
    private long watermarkMs = Long.MIN_VALUE;
    private long maxEventMs = Long.MIN_VALUE;
    private final Map<WindowKey, Totals> open = new HashMap<>();
    /** Per product seen, its category now ({@value #UNKNOWN_CATEGORY} when its image has none). */
    private final Map<Long, String> categories = new HashMap<>();
    private final CategoryAttributions attributions = new CategoryAttributions();
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
        Instant watermarkBefore = watermark();
        Map<WindowKey, Totals> touched = new LinkedHashMap<>();
        List<LateChange> late = new ArrayList<>();
        Map<Long, String> recategorized = new HashMap<>();
        batch.products().forEach((id, product) -> {
            products.put(id, product);
            String category = product.category() == null ? UNKNOWN_CATEGORY : product.category();
            if (!category.equals(categories.put(id, category))) {
                recategorized.put(id, category);
            }
        });
        List<CategoryAttributions.Move> moves = attributions.recategorize(recategorized, watermarkMs);
        for (CategoryAttributions.Move move : moves) {
            contribute(move.from(), move.from().totals().negate(), touched, late, watermarkBefore);
            contribute(move.to(), move.to().totals(), touched, late, watermarkBefore);
        }
        customers.putAll(batch.customers());
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
                    applyOpen(key, c.getValue(), touched);
                }
            }
            attributions.counted(change, change.after(), change.after() == null ? null
                    : minuteOf(change.after(), category(change.after().productId())), watermarkMs);
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
        attributions.close(watermarkMs);
        Map<WindowKey, Totals> changedSessions = sessions.changed();
        int closedSessions = sessions.close(watermarkMs);
        return new BatchOutcome(touched, late, lateChanges, duplicates, watermarkBefore, watermark(), closed,
                changedSessions, lateSessions, closedSessions, abandoned.due(watermark()), enriched, moves.size());
    }

    /** An order's contribution moved to or from a category: applied to an open minute, a late change to a closed one. */
    private void contribute(CategoryAttributions.Attribution a, Totals delta, Map<WindowKey, Totals> touched,
                            List<LateChange> late, Instant watermarkBefore) {
        if (a.closedBy(watermarkMs)) {
            late.add(new LateChange(a.orderId(), a.op(), a.position(), a.window(), delta, a.eventTime(),
                    watermarkBefore));
        } else {
            applyOpen(a.window(), delta, touched);
        }
    }

    private void applyOpen(WindowKey key, Totals delta, Map<WindowKey, Totals> touched) {
        Totals now = open.getOrDefault(key, Totals.ZERO).plus(delta);
        if (now.isZero()) {
            open.remove(key);
        } else {
            open.put(key, now);
        }
        touched.put(key, now);
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
        String category = category(image.productId());
        if (retract) {
            String counted = attributions.countedCategory(image, minuteOf(image, category));
            category = counted != null ? counted : category;
        }
        for (WindowKey key : keys(image, category)) {
            sum.merge(key, signed, Totals::plus);
        }
    }

    /** The category of a product as this state knows it now. */
    private String category(long productId) {
        return categories.getOrDefault(productId, UNKNOWN_CATEGORY);
    }

    /** The tumbling minute of an image in a category. */
    private static WindowKey.CategoryWindow minuteOf(OrderImage image, String category) {
        WindowSpec tumbling = GoldTable.REVENUE_BY_CATEGORY_1M.windows();
        Instant start = tumbling.startsOf(image.orderedAt()).get(0);
        return new WindowKey.CategoryWindow(start, start.plus(tumbling.size()), category);
    }

    private static List<WindowKey> keys(OrderImage image, String category) {
        List<WindowKey> keys = new ArrayList<>();
        keys.add(minuteOf(image, category));
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
