package io.tributary.simulator.run;

/** A small shop state for planner tests: 50 customers, 20 products, 30 open orders spread over the open statuses. */
final class SampleShop {

    private SampleShop() {
    }

    static ShopState state() {
        ShopState state = new ShopState();
        for (long id = 1; id <= 50; id++) {
            state.customers.add(id);
        }
        for (long id = 1; id <= 20; id++) {
            state.products.add(id);
        }
        for (long id = 1; id <= 30; id++) {
            state.openOrders.get(OrderStatus.values()[(int) (id % 3)]).add(id);
        }
        return state;
    }
}
