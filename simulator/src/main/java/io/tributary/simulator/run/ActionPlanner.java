package io.tributary.simulator.run;

import io.tributary.simulator.generate.ShopVocabulary;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Decides the next business event from the seeded random source and the current state. All randomness
 * of a run goes through here, in one sequence, so the same seed on the same data gives the same events.
 */
final class ActionPlanner {

    /** An advance event moves 1..9 orders (average 5): with the default mix, enough to keep up with new orders. */
    static final int MAX_ADVANCE_BATCH = 9;

    private final SplittableRandom random;
    private final Mix mix;
    private final SharedSchema schema;

    ActionPlanner(long seed, Mix mix, SharedSchema schema) {
        this.random = new SplittableRandom(seed);
        this.mix = mix;
        this.schema = schema;
    }

    /** Orders already moved by an event of the current transaction: not picked twice in one. */
    private final java.util.Set<Long> advancedInTransaction = new java.util.HashSet<>();

    /** Starts a new transaction (a group of {@code --events-per-tx} events). */
    void startTransaction() {
        advancedInTransaction.clear();
    }

    ShopAction next(ShopState state) {
        for (int attempt = 0; attempt < 20; attempt++) {
            ShopAction action = plan(mix.pick(random), state);
            if (action != null) {
                return action;
            }
        }
        return signup(state);
    }

    /** The event of {@code kind}, or null when the state does not allow it (e.g. no open order). */
    private ShopAction plan(ChangeKind kind, ShopState state) {
        return ShopEvents.of(kind).plan().plan(this, state);
    }

    /** A seeded draw in 0 (inclusive) to {@code bound} (exclusive). */
    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    ShopAction signup(ShopState state) {
        String first = pick(ShopVocabulary.FIRST_NAMES);
        String last = pick(ShopVocabulary.LAST_NAMES);
        ShopVocabulary.City city = pick(ShopVocabulary.CITIES);
        String email = ShopVocabulary.ascii(first) + "." + ShopVocabulary.ascii(last) + "."
                + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "@" + pick(ShopVocabulary.DOMAINS);
        boolean loyalty = random.nextInt(100) < 30;
        Boolean optIn = schema.marketingOptIn ? random.nextBoolean() : null;
        return new ShopActions.Signup(first, last, email, city.name(), city.country(), loyalty, optIn);
    }

    ShopAction orders(ShopState state, ChangeKind kind, int count) {
        if (state.customers.isEmpty() || state.products.isEmpty()) {
            return null;
        }
        List<ShopActions.Item> items = new ArrayList<>(count);
        long basketCustomer = state.customers.pick(random);
        for (int i = 0; i < count; i++) {
            long customer = kind == ChangeKind.ORDER ? basketCustomer : state.customers.pick(random);
            int quantity = random.nextInt(100) < 75 ? 1 : 1 + random.nextInt(4);
            String gift = random.nextInt(100) < 5 ? pick(ShopVocabulary.GIFT_NOTES) : null;
            items.add(new ShopActions.Item(customer, state.products.pick(random), quantity, gift));
        }
        // rows of products are the only ones workers share: locking them in key order cannot deadlock
        items.sort(java.util.Comparator.comparingLong(ShopActions.Item::productId));
        return new ShopActions.PlaceOrders(kind, items);
    }

    ShopAction advance(ShopState state) {
        if (state.openOrderCount() == 0) {
            return null;
        }
        // the warehouse works through a batch; every open order is equally likely to be next, so each stage
        // drains in proportion to its backlog and the pipeline reaches a steady state instead of piling up
        int count = 1 + random.nextInt(MAX_ADVANCE_BATCH);
        List<Long> ids = new ArrayList<>(count);
        List<OrderStatus> from = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int roll = random.nextInt(state.openOrderCount());
            OrderStatus status = OrderStatus.PLACED;
            while (roll >= state.openOrders.get(status).size()) {
                roll -= state.openOrders.get(status).size();
                status = status.next();
            }
            IdPool pool = state.openOrders.get(status);
            long id = pool.pick(random);
            if (!ids.contains(id) && advancedInTransaction.add(id)) {
                ids.add(id);
                from.add(status);
            }
        }
        return ids.isEmpty() ? null : new ShopActions.Advance(ids, from);
    }

    ShopAction cancel(ShopState state) {
        IdPool pool = state.openOrders.get(random.nextBoolean() ? OrderStatus.PLACED : OrderStatus.PAID);
        return pool.isEmpty() ? null : new ShopActions.Cancel(pool.pick(random));
    }

    ShopAction price(ShopState state) {
        return state.products.isEmpty() ? null : new ShopActions.Price(state.products.pick(random),
                BigDecimal.valueOf(85 + random.nextInt(31), 2));
    }

    ShopAction restock(ShopState state) {
        return state.products.isEmpty() ? null
                : new ShopActions.Restock(state.products.pick(random), 10 + random.nextInt(200));
    }

    ShopAction erase(ShopState state) {
        return state.customers.size() < 10 ? null : new ShopActions.Erase(state.customers.pick(random));
    }

    ShopAction move(ShopState state) {
        if (state.customers.isEmpty()) {
            return null;
        }
        ShopVocabulary.City city = pick(ShopVocabulary.CITIES);
        Boolean optIn = schema.marketingOptIn ? random.nextBoolean() : null;
        return new ShopActions.Move(state.customers.pick(random), city.name(), city.country(), optIn);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
