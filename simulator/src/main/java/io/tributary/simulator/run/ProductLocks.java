package io.tributary.simulator.run;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Product rows are the only rows workers share. One event updates them in key order, but a transaction of several
 * events ({@code --events-per-tx}) would take them in event order, and two workers taking the same two products in
 * opposite orders deadlock (40P01). So such a transaction first locks every product row it will update, in key
 * order, with {@code FOR NO KEY UPDATE}: the lock its UPDATEs take anyway, and one that does not block the
 * {@code FOR KEY SHARE} of other workers' order inserts.
 */
final class ProductLocks {

    private ProductLocks() {
    }

    /** The products the events update that are known before they run (a cancel's product is in its order row). */
    static SortedSet<Long> plannedProducts(List<ShopAction> actions) {
        SortedSet<Long> ids = new TreeSet<>();
        for (ShopAction action : actions) {
            if (action instanceof ShopActions.PlaceOrders place) {
                place.items().forEach(item -> ids.add(item.productId()));
            } else if (action instanceof ShopActions.Price price) {
                ids.add(price.productId());
            } else if (action instanceof ShopActions.Restock restock) {
                ids.add(restock.productId());
            }
        }
        return ids;
    }

    static List<Long> cancelledOrders(List<ShopAction> actions) {
        List<Long> orders = new ArrayList<>();
        for (ShopAction action : actions) {
            if (action instanceof ShopActions.Cancel cancel) {
                orders.add(cancel.orderId());
            }
        }
        return orders;
    }

    /** Locks, in the caller's transaction, the product rows a multi-event transaction will update; one event needs none. */
    static void acquire(Connection c, ShopTables t, List<ShopAction> actions) throws SQLException {
        if (actions.size() < 2) {
            return;
        }
        SortedSet<Long> ids = plannedProducts(actions);
        List<Long> cancelled = cancelledOrders(actions);
        if (!cancelled.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT product_id FROM " + t.orders() + " WHERE order_id = ANY(?)")) {
                ps.setArray(1, longArray(c, cancelled));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
        }
        if (ids.size() < 2) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT product_id FROM " + t.products()
                + " WHERE product_id = ANY(?) ORDER BY product_id FOR NO KEY UPDATE")) {
            ps.setArray(1, longArray(c, ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // the rows are locked as they are read, in key order
                }
            }
        }
    }

    private static Array longArray(Connection c, java.util.Collection<Long> ids) throws SQLException {
        return c.createArrayOf("bigint", ids.toArray());
    }
}
