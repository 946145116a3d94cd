package io.tributary.simulator.run;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the simulator knows about the shop between transactions: live customers, products, and the
 * open (not yet delivered) orders by status. Loaded once, in id order (so a seeded run is repeatable),
 * then kept in step by applying each committed transaction's effects.
 */
final class ShopState {

    final IdPool customers = new IdPool();
    final IdPool products = new IdPool();
    final Map<OrderStatus, IdPool> openOrders = new EnumMap<>(OrderStatus.class);
    /** Whether customers.marketing_opt_in exists (added and dropped by the schema changes). */
    boolean marketingOptIn;

    ShopState() {
        for (OrderStatus s : OrderStatus.values()) {
            if (s != OrderStatus.DELIVERED) {
                openOrders.put(s, new IdPool());
            }
        }
    }

    static ShopState load(Connection c, ShopTables t) throws SQLException {
        ShopState state = new ShopState();
        try (Statement st = c.createStatement()) {
            st.setFetchSize(10_000);
            try (ResultSet rs = st.executeQuery("SELECT customer_id FROM " + t.customers() + " ORDER BY customer_id")) {
                while (rs.next()) {
                    state.customers.add(rs.getLong(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT product_id FROM " + t.products() + " ORDER BY product_id")) {
                while (rs.next()) {
                    state.products.add(rs.getLong(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT order_id, status FROM " + t.orders()
                    + " WHERE status IN ('placed', 'paid', 'shipped') ORDER BY order_id")) {
                while (rs.next()) {
                    state.openOrders.get(OrderStatus.of(rs.getString(2))).add(rs.getLong(1));
                }
            }
        }
        return state;
    }

    int openOrderCount() {
        return openOrders.values().stream().mapToInt(IdPool::size).sum();
    }

    /** Forgets an order in whatever open status it has. */
    void forgetOrder(long orderId) {
        openOrders.values().forEach(p -> p.remove(orderId));
    }

    void moveOrder(long orderId, OrderStatus from, OrderStatus to) {
        openOrders.get(from).remove(orderId);
        if (to != OrderStatus.DELIVERED) {
            openOrders.get(to).add(orderId);
        }
    }
}
