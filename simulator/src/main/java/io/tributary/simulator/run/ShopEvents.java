package io.tributary.simulator.run;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The business events of {@code run --mode business} as a table: each kind's default weight in {@code --mix} and how
 * the {@link ActionPlanner} decides one; what an event runs is its {@link ShopAction} ({@link ShopActions}). Adding
 * an event is a {@link ChangeKind}, its action and a row here.
 */
final class ShopEvents {

    /** Decides an event from the planner's seeded draws and the state; null when the state does not allow it. */
    @FunctionalInterface
    interface Plan {
        ShopAction plan(ActionPlanner planner, ShopState state);
    }

    /** One row: a kind of event, its weight when {@code --mix} does not name it, and how it is planned. */
    record Event(ChangeKind kind, int defaultWeight, Plan plan) {
    }

    /**
     * Per 100 events: ~73 new orders (24 baskets of 1-3, one flash sale of 10-40) need ~3 x 73 status steps, which
     * 45 advance events of 1-9 orders (~225 steps) provide: open orders stay bounded.
     */
    static final List<Event> ALL = List.of(
            new Event(ChangeKind.SIGNUP, 6, ActionPlanner::signup),
            new Event(ChangeKind.ORDER, 24, (p, s) -> p.orders(s, ChangeKind.ORDER, 1 + p.nextInt(3))),
            new Event(ChangeKind.ADVANCE, 45, ActionPlanner::advance),
            new Event(ChangeKind.CANCEL, 4, ActionPlanner::cancel),
            new Event(ChangeKind.PRICE, 5, ActionPlanner::price),
            new Event(ChangeKind.RESTOCK, 4, ActionPlanner::restock),
            new Event(ChangeKind.MOVE, 6, ActionPlanner::move),
            new Event(ChangeKind.ERASE, 1, ActionPlanner::erase),
            new Event(ChangeKind.BURST, 1, (p, s) -> p.orders(s, ChangeKind.BURST, 10 + p.nextInt(31))));

    private static final Map<ChangeKind, Event> BY_KIND = byKind();

    private ShopEvents() {
    }

    private static Map<ChangeKind, Event> byKind() {
        Map<ChangeKind, Event> byKind = new EnumMap<>(ChangeKind.class);
        for (Event event : ALL) {
            if (byKind.put(event.kind(), event) != null) {
                throw new IllegalStateException("two rows for event " + event.kind().key() + " in ShopEvents.ALL");
            }
        }
        for (ChangeKind kind : ChangeKind.values()) {
            if (!byKind.containsKey(kind)) {
                throw new IllegalStateException("event " + kind.key() + " has no row in ShopEvents.ALL");
            }
        }
        return byKind;
    }

    static Event of(ChangeKind kind) {
        return BY_KIND.get(kind);
    }
}
