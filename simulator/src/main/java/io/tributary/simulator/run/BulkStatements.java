package io.tributary.simulator.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of bulk mode: one multi-row statement per kind of change (per status step for the orders that advance),
 * its values as bind parameters (never in the SQL text). Pure: {@link BulkTransaction} binds and runs them. The first
 * row of a {@code VALUES} list carries the column types, the others follow it.
 */
final class BulkStatements {

    /** A statement and its parameters in order: Long, Integer, String, Boolean, long[] (an array) or null (text). */
    record MultiRowStatement(String sql, List<Object> parameters) {
        MultiRowStatement {
            parameters = java.util.Collections.unmodifiableList(new ArrayList<>(parameters));
        }
    }

    private final ShopTables tables;

    BulkStatements(ShopTables tables) {
        this.tables = tables;
    }

    /** {@code INSERT INTO customers ... VALUES (...), (...) RETURNING customer_id}. */
    MultiRowStatement insertCustomers(List<BulkBatch.NewCustomer> rows) {
        requireRows(rows, "sign-ups");
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(tables.customers())
                .append(" (first_name, last_name, email, city, country, signup_at, loyalty_member, updated_at) VALUES ");
        List<Object> params = new ArrayList<>(rows.size() * 6);
        for (int i = 0; i < rows.size(); i++) {
            BulkBatch.NewCustomer r = rows.get(i);
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, now(), ?, now())");
            params.add(r.firstName());
            params.add(r.lastName());
            params.add(r.email());
            params.add(r.city());
            params.add(r.country());
            params.add(r.loyaltyMember());
        }
        sql.append(" RETURNING customer_id");
        return new MultiRowStatement(sql.toString(), params);
    }

    /** {@code UPDATE customers ... FROM (VALUES (id, city, country), ...)}. */
    MultiRowStatement moveCustomers(List<BulkBatch.CustomerMove> rows) {
        requireRows(rows, "moves");
        List<Object> params = new ArrayList<>(rows.size() * 3);
        for (BulkBatch.CustomerMove r : rows) {
            params.add(r.customerId());
            params.add(r.city());
            params.add(r.country());
        }
        return new MultiRowStatement("UPDATE " + tables.customers() + " AS c"
                + " SET city = v.city, country = v.country, updated_at = now()"
                + " FROM " + values(rows.size(), "bigint", "text", "text") + " AS v (customer_id, city, country)"
                + " WHERE c.customer_id = v.customer_id", params);
    }

    /** {@code UPDATE products ... SET stock = stock + v.quantity FROM (VALUES (id, quantity), ...)}. */
    MultiRowStatement restockProducts(List<BulkBatch.Restock> rows) {
        requireRows(rows, "restocks");
        List<Object> params = new ArrayList<>(rows.size() * 2);
        for (BulkBatch.Restock r : rows) {
            params.add(r.productId());
            params.add(r.quantity());
        }
        return new MultiRowStatement("UPDATE " + tables.products() + " AS p"
                + " SET stock = p.stock + v.quantity, updated_at = now()"
                + " FROM " + values(rows.size(), "bigint", "integer") + " AS v (product_id, quantity)"
                + " WHERE p.product_id = v.product_id", params);
    }

    /**
     * {@code INSERT INTO orders ... SELECT ... FROM (VALUES (customer, product, quantity, gift note), ...)} joined
     * to the customer (shipping city) and the product (current price), {@code RETURNING order_id}: an order of a
     * customer or product that no longer exists is not inserted (and not counted).
     */
    MultiRowStatement insertOrders(List<BulkBatch.NewOrder> rows) {
        requireRows(rows, "orders");
        List<Object> params = new ArrayList<>(rows.size() * 4);
        for (BulkBatch.NewOrder r : rows) {
            params.add(r.customerId());
            params.add(r.productId());
            params.add(r.quantity());
            params.add(r.giftNote());
        }
        return new MultiRowStatement("INSERT INTO " + tables.orders()
                + " (customer_id, product_id, quantity, unit_price, status, ordered_at, shipping_city, gift_note,"
                + " updated_at) SELECT c.customer_id, p.product_id, v.quantity, p.price, 'placed', now(), c.city,"
                + " v.gift_note, now() FROM " + values(rows.size(), "bigint", "bigint", "integer", "text")
                + " AS v (customer_id, product_id, quantity, gift_note)"
                + " JOIN " + tables.customers() + " AS c ON c.customer_id = v.customer_id"
                + " JOIN " + tables.products() + " AS p ON p.product_id = v.product_id"
                + " RETURNING order_id", params);
    }

    /**
     * {@code UPDATE orders SET status = <to> WHERE order_id = ANY(?) AND status = <from> RETURNING order_id}: the
     * orders of the batch that are at {@code from} move one step, each only if it still has that status;
     * {@code RETURNING} says which did. A key array rather than a join to {@code VALUES}: while the table grows faster
     * than autovacuum re-analyses it (25% of the changes are new orders), the planner underestimates it and would hash
     * a join by scanning the whole table (seen: 160-220 ms per statement at 180,000 orders, estimated 48,000); an
     * {@code = ANY} on the primary key is always an index scan.
     */
    MultiRowStatement advanceOrders(OrderStatus from, List<Long> orderIds) {
        requireRows(orderIds, "status steps");
        List<Object> params = new ArrayList<>(3);
        params.add(from.next().value());
        params.add(orderIds.stream().mapToLong(Long::longValue).toArray());
        params.add(from.value());
        return new MultiRowStatement("UPDATE " + tables.orders() + " SET status = ?, updated_at = now()"
                + " WHERE order_id = ANY(?) AND status = ? RETURNING order_id", params);
    }

    /** {@code DELETE FROM orders WHERE order_id = ANY(?) AND status IN ('placed', 'paid') RETURNING order_id}. */
    MultiRowStatement cancelOrders(List<Long> orderIds) {
        requireRows(orderIds, "cancellations");
        long[] ids = orderIds.stream().mapToLong(Long::longValue).toArray();
        List<Object> params = new ArrayList<>(1);
        params.add(ids);
        return new MultiRowStatement("DELETE FROM " + tables.orders()
                + " WHERE order_id = ANY(?) AND status IN ('placed', 'paid') RETURNING order_id", params);
    }

    /** {@code (VALUES (?::t1, ?::t2), (?, ?), ...)}: typed first row, {@code rows} rows. */
    static String values(int rows, String... types) {
        StringBuilder sb = new StringBuilder(16 + rows * (types.length * 3 + 4)).append("(VALUES ");
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "(" : ", (");
            for (int c = 0; c < types.length; c++) {
                sb.append(c == 0 ? "?" : ", ?");
                if (r == 0) {
                    sb.append("::").append(types[c]);
                }
            }
            sb.append(')');
        }
        return sb.append(')').toString();
    }

    private static void requireRows(List<?> rows, String what) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no " + what + " to write: a multi-row statement needs at least one row");
        }
    }
}
