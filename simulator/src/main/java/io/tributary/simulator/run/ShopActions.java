package io.tributary.simulator.run;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The business events as SQL: each event's values, and the {@link ShopStatement}s it runs with them. Every value is
 * a bind parameter; only validated identifiers are spliced.
 */
final class ShopActions {

    private static final ShopStatement SIGN_UP = new ShopStatement(ShopTables.CUSTOMERS, RunStats.Op.INSERT,
            t -> signUpSql(t, "", ""));
    private static final ShopStatement SIGN_UP_WITH_OPT_IN = new ShopStatement(ShopTables.CUSTOMERS,
            RunStats.Op.INSERT, t -> signUpSql(t, ", marketing_opt_in", ", ?"));
    /** Never negative: the decrement only happens when enough stock is left. */
    private static final ShopStatement TAKE_STOCK = new ShopStatement(ShopTables.PRODUCTS, RunStats.Op.UPDATE,
            t -> "UPDATE " + t.products() + " SET stock = stock - ?, updated_at = now() WHERE product_id = ? AND stock"
                    + " >= ? AND EXISTS (SELECT 1 FROM " + t.customers() + " WHERE customer_id = ?)");
    private static final ShopStatement PLACE_ORDER = new ShopStatement(ShopTables.ORDERS, RunStats.Op.INSERT,
            t -> "INSERT INTO " + t.orders() + " (customer_id, product_id, quantity, unit_price, status, ordered_at,"
                    + " shipping_city, gift_note, updated_at) SELECT c.customer_id, p.product_id, ?, p.price, 'placed',"
                    + " now(), c.city, ?, now() FROM " + t.customers() + " c, " + t.products() + " p"
                    + " WHERE c.customer_id = ? AND p.product_id = ? RETURNING order_id");
    private static final ShopStatement ADVANCE_ORDER = new ShopStatement(ShopTables.ORDERS, RunStats.Op.UPDATE,
            t -> "UPDATE " + t.orders() + " SET status = ?, updated_at = now() WHERE order_id = ? AND status = ?");
    private static final ShopStatement CANCEL_ORDER = new ShopStatement(ShopTables.ORDERS, RunStats.Op.DELETE,
            t -> "DELETE FROM " + t.orders() + " WHERE order_id = ? AND status IN ('placed', 'paid')"
                    + " RETURNING product_id, quantity");
    private static final ShopStatement GIVE_BACK_STOCK = new ShopStatement(ShopTables.PRODUCTS, RunStats.Op.UPDATE,
            t -> "UPDATE " + t.products() + " SET stock = stock + ?, updated_at = now() WHERE product_id = ?");
    /** Kept between 0.99 and 99,999.99, so a random walk over days never leaves numeric(10,2). */
    private static final ShopStatement CHANGE_PRICE = new ShopStatement(ShopTables.PRODUCTS, RunStats.Op.UPDATE,
            t -> "UPDATE " + t.products() + " SET price = least(99999.99, greatest(0.99, round(price * ?, 2))),"
                    + " updated_at = now() WHERE product_id = ?");
    private static final ShopStatement MOVE = new ShopStatement(ShopTables.CUSTOMERS, RunStats.Op.UPDATE,
            t -> moveSql(t, ""));
    private static final ShopStatement MOVE_WITH_OPT_IN = new ShopStatement(ShopTables.CUSTOMERS, RunStats.Op.UPDATE,
            t -> moveSql(t, ", marketing_opt_in = ?"));
    private static final ShopStatement ERASE_ORDERS = new ShopStatement(ShopTables.ORDERS, RunStats.Op.DELETE,
            t -> "DELETE FROM " + t.orders() + " WHERE customer_id = ? RETURNING order_id");
    private static final ShopStatement ERASE_CUSTOMER = new ShopStatement(ShopTables.CUSTOMERS, RunStats.Op.DELETE,
            t -> "DELETE FROM " + t.customers() + " WHERE customer_id = ?");

    private ShopActions() {
    }

    private static String signUpSql(ShopTables t, String optInColumn, String optInValue) {
        return "INSERT INTO " + t.customers() + " (first_name, last_name, email, city, country, signup_at,"
                + " loyalty_member, updated_at" + optInColumn + ") VALUES (?, ?, ?, ?, ?, now(), ?, now()" + optInValue
                + ") RETURNING customer_id";
    }

    private static String moveSql(ShopTables t, String optIn) {
        return "UPDATE " + t.customers() + " SET city = ?, country = ?, updated_at = now()" + optIn
                + " WHERE customer_id = ?";
    }

    record Signup(String firstName, String lastName, String email, String city, String country, boolean loyalty,
                  Boolean marketingOptIn) implements ShopAction {
        @Override
        public ChangeKind kind() {
            return ChangeKind.SIGNUP;
        }

        @Override
        public void execute(Connection c, ShopTables t, Effects effects) throws SQLException {
            List<long[]> rows = marketingOptIn == null
                    ? SIGN_UP.returning(c, t, effects, 1, firstName, lastName, email, city, country, loyalty)
                    : SIGN_UP_WITH_OPT_IN.returning(c, t, effects, 1, firstName, lastName, email, city, country,
                            loyalty, marketingOptIn);
            long id = rows.get(0)[0];
            effects.afterCommit(s -> s.customers.add(id));
        }
    }

    /** One line of a basket. */
    record Item(long customerId, long productId, int quantity, String giftNote) {
    }

    /** A basket (ORDER) or a flash sale (BURST): several orders, each with its stock update, in one transaction. */
    record PlaceOrders(ChangeKind kind, List<Item> items) implements ShopAction {
        @Override
        public void execute(Connection c, ShopTables t, Effects effects) throws SQLException {
            for (Item item : items) {
                if (TAKE_STOCK.update(c, t, effects, item.quantity(), item.productId(), item.quantity(),
                        item.customerId()) == 0) {
                    effects.outOfStock();
                    continue;
                }
                List<long[]> placed = PLACE_ORDER.returning(c, t, effects, 1, item.quantity(),
                        ShopStatement.text(item.giftNote()), item.customerId(), item.productId());
                if (placed.isEmpty()) {
                    // the customer was erased by a concurrent transaction after the check above:
                    // a serialization conflict; the retry sees the customer gone and skips the item
                    throw new SQLException("customer " + item.customerId() + " was erased concurrently", "40001");
                }
                long orderId = placed.get(0)[0];
                effects.afterCommit(s -> s.openOrders.get(OrderStatus.PLACED).add(orderId));
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
            for (int i = 0; i < orderIds.size(); i++) {
                long id = orderIds.get(i);
                OrderStatus current = from.get(i);
                OrderStatus next = current.next();
                if (ADVANCE_ORDER.update(c, t, effects, next.value(), id, current.value()) == 1) {
                    effects.transition(id, current, next);
                    effects.afterCommit(s -> s.moveOrder(id, current, next));
                } else {
                    effects.afterCommit(s -> s.forgetOrder(id));
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
            List<long[]> deleted = CANCEL_ORDER.returning(c, t, effects, 2, orderId);
            effects.afterCommit(s -> s.forgetOrder(orderId));
            for (long[] order : deleted) {
                GIVE_BACK_STOCK.update(c, t, effects, order[1], order[0]);
            }
        }
    }

    /** A price change; {@code factor} e.g. 1.07. */
    record Price(long productId, BigDecimal factor) implements ShopAction {
        @Override
        public ChangeKind kind() {
            return ChangeKind.PRICE;
        }

        @Override
        public void execute(Connection c, ShopTables t, Effects effects) throws SQLException {
            CHANGE_PRICE.update(c, t, effects, factor, productId);
        }
    }

    record Restock(long productId, int quantity) implements ShopAction {
        @Override
        public ChangeKind kind() {
            return ChangeKind.RESTOCK;
        }

        @Override
        public void execute(Connection c, ShopTables t, Effects effects) throws SQLException {
            GIVE_BACK_STOCK.update(c, t, effects, quantity, productId);
        }
    }

    record Move(long customerId, String city, String country, Boolean marketingOptIn) implements ShopAction {
        @Override
        public ChangeKind kind() {
            return ChangeKind.MOVE;
        }

        @Override
        public void execute(Connection c, ShopTables t, Effects effects) throws SQLException {
            if (marketingOptIn == null) {
                MOVE.update(c, t, effects, city, country, customerId);
            } else {
                MOVE_WITH_OPT_IN.update(c, t, effects, city, country, marketingOptIn, customerId);
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
            List<long[]> erased = ERASE_ORDERS.returning(c, t, effects, 1, customerId);
            ERASE_CUSTOMER.update(c, t, effects, customerId);
            effects.afterCommit(s -> {
                s.customers.remove(customerId);
                erased.forEach(order -> s.forgetOrder(order[0]));
            });
        }
    }
}
