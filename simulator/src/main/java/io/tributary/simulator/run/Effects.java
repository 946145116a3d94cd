package io.tributary.simulator.run;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one transaction did: rows changed per table and operation, order status transitions, and the
 * updates to {@link ShopState} that become true only once it commits. Discarded on rollback.
 */
final class Effects {

    /** One order status change, for the transition audit. */
    record Transition(long orderId, OrderStatus from, OrderStatus to) {
    }

    private final Map<String, Map<RunStats.Op, Long>> rows = new LinkedHashMap<>();
    private final List<Consumer<ShopState>> stateUpdates = new ArrayList<>();
    private final List<Transition> transitions = new ArrayList<>();
    private int outOfStock;

    void rows(String table, RunStats.Op op, long count) {
        if (count > 0) {
            rows.computeIfAbsent(table, t -> new EnumMap<>(RunStats.Op.class)).merge(op, count, Long::sum);
        }
    }

    void afterCommit(Consumer<ShopState> update) {
        stateUpdates.add(update);
    }

    void transition(long orderId, OrderStatus from, OrderStatus to) {
        transitions.add(new Transition(orderId, from, to));
    }

    void outOfStock() {
        outOfStock++;
    }

    Map<String, Map<RunStats.Op, Long>> rows() {
        return rows;
    }

    long changes() {
        return rows.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    List<Transition> transitions() {
        return transitions;
    }

    int outOfStockCount() {
        return outOfStock;
    }

    void applyTo(ShopState state) {
        stateUpdates.forEach(u -> u.accept(state));
    }
}
