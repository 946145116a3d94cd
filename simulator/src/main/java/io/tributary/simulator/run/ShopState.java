package io.tributary.simulator.run;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one worker knows about the shop between transactions: its customers, all products, and the
 * open (not yet delivered) orders of its customers by status. Loaded once, in id order (so a seeded run
 * is repeatable), then kept in step by applying each committed transaction's effects. With several
 * workers, customers (and their orders) are partitioned by {@code customer_id % workers} ({@link KeyPartition}),
 * so no two workers ever touch the same customer or order; product rows are shared in the business mode (a
 * transaction locks them in key order) and partitioned by {@code product_id % workers} for updates in bulk mode.
 */
final class ShopState {

    final IdPool customers = new IdPool();
    /** Every product: what orders may refer to. */
    final IdPool products = new IdPool();
    /** The products this worker may update in bulk mode ({@link KeyPartition}); the business mode locks instead. */
    final IdPool ownedProducts = new IdPool();
    final Map<OrderStatus, IdPool> openOrders = new EnumMap<>(OrderStatus.class);

    ShopState() {
        for (OrderStatus s : OrderStatus.values()) {
            if (s != OrderStatus.DELIVERED) {
                openOrders.put(s, new IdPool());
            }
        }
    }

    /** One state per worker; runs inside the caller's transaction (autocommit off, for the fetch size). */
    static List<ShopState> load(Connection c, ShopTables t, int workers) throws SQLException {
        List<ShopState> states = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            states.add(new ShopState());
        }
        try (Statement st = c.createStatement()) {
            st.setFetchSize(10_000);
            try (ResultSet rs = st.executeQuery("SELECT customer_id FROM " + t.customers() + " ORDER BY customer_id")) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    states.get(owner(id, workers)).customers.add(id);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT product_id FROM " + t.products() + " ORDER BY product_id")) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    states.forEach(s -> s.products.add(id));
                    states.get(owner(id, workers)).ownedProducts.add(id);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT order_id, status, customer_id FROM " + t.orders()
                    + " WHERE status IN ('placed', 'paid', 'shipped') ORDER BY order_id")) {
                while (rs.next()) {
                    states.get(owner(rs.getLong(3), workers)).openOrders.get(OrderStatus.of(rs.getString(2)))
                            .add(rs.getLong(1));
                }
            }
        }
        return states;
    }

    static int owner(long key, int workers) {
        return KeyPartition.owner(key, workers);
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
