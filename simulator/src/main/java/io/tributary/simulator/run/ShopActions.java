package io.tributary.simulator.run;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** The business events as SQL. Every value is a bind parameter; only validated identifiers are spliced. */
final class ShopActions {

    private ShopActions() {
    }

    record Signup(String firstName, String lastName, String email, String city, String country, boolean loyalty,
                  Boolean marketingOptIn) implements ShopAction {
        @Override
        public ChangeKind kind() {
            return ChangeKind.SIGNUP;
        }

        @Override
        public void execute(Connection c, ShopTables t, Effects effects) throws SQLException {
            String optInColumn = marketingOptIn != null ? ", marketing_opt_in" : "";
            String optInValue = marketingOptIn != null ? ", ?" : "";
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.customers()
                    + " (first_name, last_name, email, city, country, signup_at, loyalty_member, updated_at" + optInColumn
                    + ") VALUES (?, ?, ?, ?, ?, now(), ?, now()" + optInValue + ") RETURNING customer_id")) {
                ps.setString(1, firstName);
                ps.setString(2, lastName);
                ps.setString(3, email);
                ps.setString(4, city);
                ps.setString(5, country);
                ps.setBoolean(6, loyalty);
                if (marketingOptIn != null) {
                    ps.setBoolean(7, marketingOptIn);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long id = rs.getLong(1);
                    effects.rows(ShopTables.CUSTOMERS, RunStats.Op.INSERT, 1);
                    effects.afterCommit(s -> s.customers.add(id));
                }
            }
        }
    }

    /** One line of a basket. */
    record Item(long customerId, long productId, int quantity, String giftNote) {
    }

    /** A basket (ORDER) or a flash sale (BURST): several orders, each with its stock update, in one transaction. */
    record PlaceOrders(ChangeKind kind, List<Item> items) implements ShopAction {
        @Override
        public void execute(Connection c, ShopTables t, Effects effects) throws SQLException {
            // never negative: the decrement only happens when enough stock is left
            try (PreparedStatement take = c.prepareStatement("UPDATE " + t.products()
                    + " SET stock = stock - ?, updated_at = now() WHERE product_id = ? AND stock >= ?"
                    + " AND EXISTS (SELECT 1 FROM " + t.customers() + " WHERE customer_id = ?)");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO " + t.orders()
                         + " (customer_id, product_id, quantity, unit_price, status, ordered_at, shipping_city, gift_note,"
                         + " updated_at) SELECT c.customer_id, p.product_id, ?, p.price, 'placed', now(), c.city, ?, now()"
                         + " FROM " + t.customers() + " c, " + t.products() + " p"
                         + " WHERE c.customer_id = ? AND p.product_id = ? RETURNING order_id")) {
                for (Item item : items) {
                    take.setInt(1, item.quantity());
                    take.setLong(2, item.productId());
                    take.setInt(3, item.quantity());
                    take.setLong(4, item.customerId());
                    if (take.executeUpdate() == 0) {
                        effects.outOfStock();
                        continue;
                    }
                    insert.setInt(1, item.quantity());
                    if (item.giftNote() == null) {
                        insert.setNull(2, Types.VARCHAR);
                    } else {
                        insert.setString(2, item.giftNote());
                    }
                    insert.setLong(3, item.customerId());
                    insert.setLong(4, item.productId());
                    try (ResultSet rs = insert.executeQuery()) {
                        if (!rs.next()) {
                            // the customer was erased by a concurrent transaction after the check above:
                            // a serialization conflict; the retry sees the customer gone and skips the item
                            throw new SQLException("customer " + item.customerId() + " was erased concurrently",
                                    "40001");
                        }
                        long orderId = rs.getLong(1);
                        effects.rows(ShopTables.PRODUCTS, RunStats.Op.UPDATE, 1);
                        effects.rows(ShopTables.ORDERS, RunStats.Op.INSERT, 1);
                        effects.afterCommit(s -> s.openOrders.get(OrderStatus.PLACED).add(orderId));
                    }
                }
            }
        }
    }

    /** The warehouse moves a few orders one step forward, each guarded by its current status. */
    record Advance(List<Long> orderIds, List<OrderStatus> from) implements ShopAction {
        @Override
        public ChangeKind kind() {
            return ChangeKind.ADVANCE;
        }

        @Override
        public void execute(Connection c, ShopTables t, Effects effects) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.orders()
                    + " SET status = ?, updated_at = now() WHERE order_id = ? AND status = ?")) {
                for (int i = 0; i < orderIds.size(); i++) {
                    long id = orderIds.get(i);
                    OrderStatus current = from.get(i);
                    OrderStatus next = current.next();
                    ps.setString(1, next.value());
                    ps.setLong(2, id);
                    ps.setString(3, current.value());
                    if (ps.executeUpdate() == 1) {
                        effects.rows(ShopTables.ORDERS, RunStats.Op.UPDATE, 1);
                        effects.transition(id, current, next);
                        effects.afterCommit(s -> s.moveOrder(id, current, next));
                    } else {
                        effects.afterCommit(s -> s.forgetOrder(id));
                    }
                }
            }
        }
    }

    /** A placed or paid order is cancelled: deleted, and its quantity returned to stock. */
    record Cancel(long orderId) implements ShopAction {
        @Override
        public ChangeKind kind() {
            return ChangeKind.CANCEL;
        }

        @Override
        public void execute(Connection c, ShopTables t, Effects effects) throws SQLException {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + t.orders()
                    + " WHERE order_id = ? AND status IN ('placed', 'paid') RETURNING product_id, quantity")) {
                delete.setLong(1, orderId);
                try (ResultSet rs = delete.executeQuery()) {
                    effects.afterCommit(s -> s.forgetOrder(orderId));
                    if (!rs.next()) {
                        return;
                    }
                    effects.rows(ShopTables.ORDERS, RunStats.Op.DELETE, 1);
                    long productId = rs.getLong(1);
                    long quantity = rs.getLong(2);
                    try (PreparedStatement give = c.prepareStatement("UPDATE " + t.products()
                            + " SET stock = stock + ?, updated_at = now() WHERE product_id = ?")) {
                        give.setLong(1, quantity);
                        give.setLong(2, productId);
                        effects.rows(ShopTables.PRODUCTS, RunStats.Op.UPDATE, give.executeUpdate());
                    }
                }
            }
        }
    }

    /**
     * A price change; {@code factor} e.g. 1.07. Kept between 0.99 and 99,999.99, so a random walk over days
     * never leaves numeric(10,2).
     */
    record Price(long productId, BigDecimal factor) implements ShopAction {
        @Override
        public ChangeKind kind() {
            return ChangeKind.PRICE;
        }

        @Override
        public void execute(Connection c, ShopTables t, Effects effects) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.products()
                    + " SET price = least(99999.99, greatest(0.99, round(price * ?, 2))), updated_at = now()"
                    + " WHERE product_id = ?")) {
                ps.setBigDecimal(1, factor);
                ps.setLong(2, productId);
                effects.rows(ShopTables.PRODUCTS, RunStats.Op.UPDATE, ps.executeUpdate());
            }
        }
    }

    record Restock(long productId, int quantity) implements ShopAction {
        @Override
        public ChangeKind kind() {
            return ChangeKind.RESTOCK;
        }

        @Override
        public void execute(Connection c, ShopTables t, Effects effects) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.products()
                    + " SET stock = stock + ?, updated_at = now() WHERE product_id = ?")) {
                ps.setInt(1, quantity);
                ps.setLong(2, productId);
                effects.rows(ShopTables.PRODUCTS, RunStats.Op.UPDATE, ps.executeUpdate());
            }
        }
    }

    record Move(long customerId, String city, String country, Boolean marketingOptIn) implements ShopAction {
        @Override
        public ChangeKind kind() {
            return ChangeKind.MOVE;
        }

        @Override
        public void execute(Connection c, ShopTables t, Effects effects) throws SQLException {
            String optIn = marketingOptIn != null ? ", marketing_opt_in = ?" : "";
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.customers()
                    + " SET city = ?, country = ?, updated_at = now()" + optIn + " WHERE customer_id = ?")) {
                ps.setString(1, city);
                ps.setString(2, country);
                int next = 3;
                if (marketingOptIn != null) {
                    ps.setBoolean(next++, marketingOptIn);
                }
                ps.setLong(next, customerId);
                effects.rows(ShopTables.CUSTOMERS, RunStats.Op.UPDATE, ps.executeUpdate());
            }
        }
    }

    /** Right to erasure: the customer and every order of theirs, in one transaction. */
    record Erase(long customerId) implements ShopAction {
        @Override
        public ChangeKind kind() {
            return ChangeKind.ERASE;
        }

        @Override
        public void execute(Connection c, ShopTables t, Effects effects) throws SQLException {
            List<Long> erased = new ArrayList<>();
            try (PreparedStatement orders = c.prepareStatement("DELETE FROM " + t.orders()
                    + " WHERE customer_id = ? RETURNING order_id")) {
                orders.setLong(1, customerId);
                try (ResultSet rs = orders.executeQuery()) {
                    while (rs.next()) {
                        erased.add(rs.getLong(1));
                    }
                }
            }
            effects.rows(ShopTables.ORDERS, RunStats.Op.DELETE, erased.size());
            try (PreparedStatement customer = c.prepareStatement("DELETE FROM " + t.customers()
                    + " WHERE customer_id = ?")) {
                customer.setLong(1, customerId);
                effects.rows(ShopTables.CUSTOMERS, RunStats.Op.DELETE, customer.executeUpdate());
            }
            effects.afterCommit(s -> {
                s.customers.remove(customerId);
                erased.forEach(s::forgetOrder);
            });
        }
    }
}
