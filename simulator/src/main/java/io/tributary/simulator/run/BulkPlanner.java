package io.tributary.simulator.run;

import io.tributary.simulator.generate.ShopVocabulary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Decides a bulk-mode batch of exactly {@code batchSize} row changes from one worker's state and its seeded
 * random source. The shares keep the shop in a steady state, as the business mix does: each order placed is
 * advanced three times (placed -> paid -> shipped -> delivered) unless it is cancelled first, so the status steps
 * (up to 62%, at most a quarter of the open orders per batch) keep up with the orders (24% and whatever the other
 * kinds could not use), and the open orders settle at about four batches' worth of status steps.
 * A kind that has too few rows to work on (no open order yet, few customers) leaves its share to new orders.
 */
final class BulkPlanner {

    /** Shares of a batch in row changes per mille; new orders take the rest (240) and any share left unused. */
    static final int ADVANCE_PER_MILLE = 620;
    static final int CANCEL_PER_MILLE = 50;
    static final int MOVE_PER_MILLE = 50;
    static final int RESTOCK_PER_MILLE = 20;
    static final int SIGNUP_PER_MILLE = 20;
    /**
     * A batch moves at most this fraction (1/n) of the worker's open orders: an order then stays a few transactions
     * in each status (and can be cancelled meanwhile) instead of being moved on in every batch. The open orders
     * settle where a quarter of them is what the new orders need (about 2.4 batches' worth of orders).
     */
    static final int BACKLOG_SHARE_PER_BATCH = 4;

    private final SplittableRandom random;

    BulkPlanner(long seed) {
        this.random = new SplittableRandom(seed);
    }

    BulkBatch plan(ShopState state, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        int remaining = batchSize;
        Set<Long> orderIds = new HashSet<>();

        List<IdPool> open = List.of(state.openOrders.get(OrderStatus.PLACED), state.openOrders.get(OrderStatus.PAID),
                state.openOrders.get(OrderStatus.SHIPPED));
        List<BulkBatch.StatusStep> advances = new ArrayList<>();
        int openCount = state.openOrderCount();
        int backlog = (openCount + BACKLOG_SHARE_PER_BATCH - 1) / BACKLOG_SHARE_PER_BATCH;
        for (Picked p : sample(open, Math.min(Math.min(remaining, backlog), share(batchSize, ADVANCE_PER_MILLE)),
                orderIds)) {
            advances.add(new BulkBatch.StatusStep(p.id(), OrderStatus.values()[p.pool()]));
        }
        remaining -= advances.size();

        List<Long> cancellations = new ArrayList<>();
        for (Picked p : sample(open.subList(0, 2), Math.min(remaining, share(batchSize, CANCEL_PER_MILLE)), orderIds)) {
            cancellations.add(p.id());
        }
        remaining -= cancellations.size();

        List<BulkBatch.CustomerMove> moves = new ArrayList<>();
        for (Picked p : sample(List.of(state.customers), Math.min(remaining, share(batchSize, MOVE_PER_MILLE)),
                new HashSet<>())) {
            ShopVocabulary.City city = pick(ShopVocabulary.CITIES);
            moves.add(new BulkBatch.CustomerMove(p.id(), city.name(), city.country()));
        }
        remaining -= moves.size();

        List<BulkBatch.Restock> restocks = new ArrayList<>();
        for (Picked p : sample(List.of(state.ownedProducts), Math.min(remaining, share(batchSize, RESTOCK_PER_MILLE)),
                new HashSet<>())) {
            restocks.add(new BulkBatch.Restock(p.id(), 10 + random.nextInt(200)));
        }
        remaining -= restocks.size();

        int signupCount = Math.min(remaining, share(batchSize, SIGNUP_PER_MILLE));
        boolean canOrder = !state.customers.isEmpty() && !state.products.isEmpty();
        int orderCount = canOrder ? remaining - signupCount : 0;
        signupCount = remaining - orderCount;

        List<BulkBatch.NewOrder> orders = new ArrayList<>(orderCount);
        for (int i = 0; i < orderCount; i++) {
            int quantity = random.nextInt(100) < 75 ? 1 : 1 + random.nextInt(4);
            String gift = random.nextInt(100) < 5 ? pick(ShopVocabulary.GIFT_NOTES) : null;
            orders.add(new BulkBatch.NewOrder(state.customers.pick(random), state.products.pick(random), quantity, gift));
        }
        List<BulkBatch.NewCustomer> signups = new ArrayList<>(signupCount);
        for (int i = 0; i < signupCount; i++) {
            signups.add(signup());
        }
        return new BulkBatch(signups, moves, restocks, orders, advances, cancellations);
    }

    /** {@code batchSize * perMille / 1000}, the fraction rounded up or down at random so the average is exact. */
    int share(int batchSize, int perMille) {
        long scaled = (long) batchSize * perMille;
        int whole = (int) (scaled / 1000);
        return whole + (random.nextInt(1000) < scaled % 1000 ? 1 : 0);
    }

    /** An id and the index of the pool it came from. */
    record Picked(int pool, long id) {
    }

    /**
     * Up to {@code count} distinct ids, uniformly from the union of {@code pools}, none in {@code taken}; the ids
     * picked are added to {@code taken}. Fewer when the pools hold fewer.
     */
    List<Picked> sample(List<IdPool> pools, int count, Set<Long> taken) {
        int total = pools.stream().mapToInt(IdPool::size).sum();
        List<Picked> picked = new ArrayList<>(Math.min(count, total));
        if (count <= 0 || total == 0) {
            return picked;
        }
        if ((long) count * 2 >= total) {
            // most of the pools: list the candidates and draw from them without replacement
            List<Picked> candidates = new ArrayList<>(total);
            for (int p = 0; p < pools.size(); p++) {
                IdPool pool = pools.get(p);
                for (int i = 0; i < pool.size(); i++) {
                    if (!taken.contains(pool.get(i))) {
                        candidates.add(new Picked(p, pool.get(i)));
                    }
                }
            }
            for (int i = 0; i < count && i < candidates.size(); i++) {
                int j = i + random.nextInt(candidates.size() - i);
                Picked chosen = candidates.set(j, candidates.get(i));
                candidates.set(i, chosen);
                picked.add(chosen);
                taken.add(chosen.id());
            }
            return picked;
        }
        // a small part of the pools: draw and skip repeats (at most half are taken, so few draws are wasted)
        for (int attempts = 0; picked.size() < count && attempts < count * 8 + 16; attempts++) {
            int position = random.nextInt(total);
            int p = 0;
            while (position >= pools.get(p).size()) {
                position -= pools.get(p).size();
                p++;
            }
            long id = pools.get(p).get(position);
            if (taken.add(id)) {
                picked.add(new Picked(p, id));
            }
        }
        return picked;
    }

    private BulkBatch.NewCustomer signup() {
        String first = pick(ShopVocabulary.FIRST_NAMES);
        String last = pick(ShopVocabulary.LAST_NAMES);
        ShopVocabulary.City city = pick(ShopVocabulary.CITIES);
        String email = ShopVocabulary.ascii(first) + "." + ShopVocabulary.ascii(last) + "."
                + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "@" + pick(ShopVocabulary.DOMAINS);
        return new BulkBatch.NewCustomer(first, last, email, city.name(), city.country(), random.nextInt(100) < 30);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
