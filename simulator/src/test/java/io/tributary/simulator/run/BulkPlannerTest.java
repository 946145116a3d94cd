package io.tributary.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bulk batches: exact size, only the worker's own keys, no row twice, repeatable per seed, a steady state. */
class BulkPlannerTest {

    /** Worker 1 of 4 on csv-data/: customers and products with id % 4 == 1, its customers' open orders. */
    private static ShopState workerState() {
        ShopState state = new ShopState();
        for (long id = 1; id <= 1_200; id++) {
            if (KeyPartition.owner(id, 4) == 1) {
                state.customers.add(id);
            }
        }
        for (long id = 1; id <= 240; id++) {
            state.products.add(id);
            if (KeyPartition.owner(id, 4) == 1) {
                state.ownedProducts.add(id);
            }
        }
        for (long id = 1; id <= 900; id++) {
            state.openOrders.get(OrderStatus.values()[(int) (id % 3)]).add(id);
        }
        return state;
    }

    @Test
    void aBatchHasExactlyTheRequestedNumberOfRowChanges() {
        for (int size : List.of(1, 2, 7, 100, 500, 5_000, RunSettings.MAX_BATCH_SIZE)) {
            BulkBatch batch = new BulkPlanner(3).plan(workerState(), size);
            assertThat(batch.plannedChanges()).as("batch size %d", size).isEqualTo(size);
        }
        assertThat(new BulkPlanner(3).plan(new ShopState(), 300).plannedChanges()).isEqualTo(300);
    }

    @Test
    void aBatchTouchesOnlyTheWorkersOwnRowsAndEachRowOnce() {
        ShopState state = workerState();
        BulkPlanner planner = new BulkPlanner(42);
        for (int i = 0; i < 50; i++) {
            BulkBatch batch = planner.plan(state, 500);
            Set<Long> orders = new HashSet<>();
            for (BulkBatch.StatusStep step : batch.advances()) {
                assertThat(state.openOrders.get(step.from()).contains(step.orderId()))
                        .as("order %d is %s", step.orderId(), step.from()).isTrue();
                assertThat(orders.add(step.orderId())).as("order %d twice", step.orderId()).isTrue();
            }
            for (long id : batch.cancellations()) {
                assertThat(state.openOrders.get(OrderStatus.PLACED).contains(id)
                        || state.openOrders.get(OrderStatus.PAID).contains(id)).as("cancel %d: placed or paid", id).isTrue();
                assertThat(orders.add(id)).as("order %d advanced and cancelled", id).isTrue();
            }
            Set<Long> moved = new HashSet<>();
            batch.moves().forEach(m -> {
                assertThat(state.customers.contains(m.customerId())).isTrue();
                assertThat(moved.add(m.customerId())).as("customer %d moved twice", m.customerId()).isTrue();
            });
            Set<Long> restocked = new HashSet<>();
            batch.restocks().forEach(r -> {
                assertThat(state.ownedProducts.contains(r.productId())).as("product %d is another worker's", r.productId())
                        .isTrue();
                assertThat(restocked.add(r.productId())).isTrue();
                assertThat(r.quantity()).isBetween(10, 209);
            });
            batch.orders().forEach(o -> {
                assertThat(state.customers.contains(o.customerId())).isTrue();
                assertThat(state.products.contains(o.productId())).isTrue();
                assertThat(o.quantity()).isBetween(1, 4);
            });
        }
    }

    @Test
    void theSameSeedOnTheSameStatePlansTheSameBatch() {
        assertThat(new BulkPlanner(7).plan(workerState(), 500)).isEqualTo(new BulkPlanner(7).plan(workerState(), 500))
                .isNotEqualTo(new BulkPlanner(8).plan(workerState(), 500));
    }

    @Test
    void withoutOpenOrdersOrCustomersTheShareGoesToNewOrdersOrSignUps() {
        ShopState noOrders = workerState();
        noOrders.openOrders.values().forEach(p -> {
            while (!p.isEmpty()) {
                p.remove(p.get(0));
            }
        });
        BulkBatch batch = new BulkPlanner(1).plan(noOrders, 1_000);
        assertThat(batch.advances()).isEmpty();
        assertThat(batch.cancellations()).isEmpty();
        // 1,000 - moves 50 - restocks 20 - sign-ups 20, give or take the random rounding
        assertThat(batch.orders().size()).isBetween(908, 912);

        BulkBatch empty = new BulkPlanner(1).plan(new ShopState(), 200);
        assertThat(empty.signups()).hasSize(200);
    }

    @Test
    void theSharesHoldOnAverageAndTheOpenOrdersStayBounded() {
        ShopState state = workerState();
        BulkPlanner planner = new BulkPlanner(5);
        long nextOrder = 1_000_000;
        long advances = 0;
        long cancels = 0;
        long orders = 0;
        long total = 0;
        int maxOpen = 0;
        for (int i = 0; i < 2_000; i++) {
            BulkBatch batch = planner.plan(state, 500);
            // what BulkTransaction applies after the commit, every guard holding
            for (BulkBatch.StatusStep s : batch.advances()) {
                state.moveOrder(s.orderId(), s.from(), s.to());
            }
            batch.cancellations().forEach(state::forgetOrder);
            for (int k = 0; k < batch.orders().size(); k++) {
                state.openOrders.get(OrderStatus.PLACED).add(nextOrder++);
            }
            advances += batch.advances().size();
            cancels += batch.cancellations().size();
            orders += batch.orders().size();
            total += batch.plannedChanges();
            maxOpen = Math.max(maxOpen, state.openOrderCount());
        }
        // a million row changes: 3 steps per order that is not cancelled keep up with the orders placed
        assertThat(total).isEqualTo(1_000_000);
        assertThat(cancels / (double) total).isBetween(0.049, 0.051);
        // steady state: advances = 3 x (orders - cancels) with orders = 86% - advances, so about 60.75% and 25.25%
        assertThat(advances / (double) total).isBetween(0.600, 0.615);
        assertThat(orders / (double) total).isBetween(0.245, 0.260);
        // and a quarter of the open orders is what a batch advances: about 4 x 304 of them
        assertThat(state.openOrderCount()).as("open orders after 1M changes").isBetween(1_000, 1_400);
        assertThat(maxOpen).isLessThan(1_600);
    }
}
