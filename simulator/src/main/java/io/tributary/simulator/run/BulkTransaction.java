package io.tributary.simulator.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link BulkBatch} on a connection (inside the caller's transaction, which commits it): one multi-row
 * statement per kind of change, counting the rows PostgreSQL reports as written, not the rows planned.
 */
final class BulkTransaction {

    private final BulkStatements statements;

    BulkTransaction(ShopTables tables) {
        this.statements = new BulkStatements(tables);
    }

    /** The effects per kind of change; they apply to the state and the counters only once the caller commits. */
    Map<ChangeKind, Effects> execute(Connection c, BulkBatch batch) throws SQLException {
        Map<ChangeKind, Effects> effects = new EnumMap<>(ChangeKind.class);
        if (!batch.signups().isEmpty()) {
            Effects e = effects.computeIfAbsent(ChangeKind.SIGNUP, k -> new Effects());
            List<Long> ids = returnedIds(c, statements.insertCustomers(batch.signups()));
            e.rows(ShopTables.CUSTOMERS, RunStats.Op.INSERT, ids.size());
            e.afterCommit(s -> ids.forEach(s.customers::add));
        }
        if (!batch.moves().isEmpty()) {
            Effects e = effects.computeIfAbsent(ChangeKind.MOVE, k -> new Effects());
            e.rows(ShopTables.CUSTOMERS, RunStats.Op.UPDATE, update(c, statements.moveCustomers(batch.moves())));
        }
        if (!batch.restocks().isEmpty()) {
            Effects e = effects.computeIfAbsent(ChangeKind.RESTOCK, k -> new Effects());
            e.rows(ShopTables.PRODUCTS, RunStats.Op.UPDATE, update(c, statements.restockProducts(batch.restocks())));
        }
        if (!batch.advances().isEmpty()) {
            Effects e = effects.computeIfAbsent(ChangeKind.ADVANCE, k -> new Effects());
            for (OrderStatus from : List.of(OrderStatus.PLACED, OrderStatus.PAID, OrderStatus.SHIPPED)) {
                List<Long> ids = batch.advances().stream().filter(step -> step.from() == from)
                        .map(BulkBatch.StatusStep::orderId).toList();
                if (ids.isEmpty()) {
                    continue;
                }
                Set<Long> moved = new HashSet<>(returnedIds(c, statements.advanceOrders(from, ids)));
                e.rows(ShopTables.ORDERS, RunStats.Op.UPDATE, moved.size());
                OrderStatus to = from.next();
                for (long id : ids) {
                    if (moved.contains(id)) {
                        e.transition(id, from, to);
                        e.afterCommit(s -> s.moveOrder(id, from, to));
                    } else {
                        // not where the plan saw it (changed by someone else): forget it rather than guess
                        e.afterCommit(s -> s.forgetOrder(id));
                    }
                }
            }
        }
        if (!batch.cancellations().isEmpty()) {
            Effects e = effects.computeIfAbsent(ChangeKind.CANCEL, k -> new Effects());
            List<Long> deleted = returnedIds(c, statements.cancelOrders(batch.cancellations()));
            e.rows(ShopTables.ORDERS, RunStats.Op.DELETE, deleted.size());
            e.afterCommit(s -> batch.cancellations().forEach(s::forgetOrder));
        }
        if (!batch.orders().isEmpty()) {
            Effects e = effects.computeIfAbsent(ChangeKind.ORDER, k -> new Effects());
            List<Long> ids = returnedIds(c, statements.insertOrders(batch.orders()));
            e.rows(ShopTables.ORDERS, RunStats.Op.INSERT, ids.size());
            e.afterCommit(s -> ids.forEach(s.openOrders.get(OrderStatus.PLACED)::add));
        }
        return effects;
    }

    private static List<Long> returnedIds(Connection c, BulkStatements.MultiRowStatement statement) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, statement); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static int update(Connection c, BulkStatements.MultiRowStatement statement) throws SQLException {
        try (PreparedStatement ps = prepare(c, statement)) {
            return ps.executeUpdate();
        }
    }

    /** Binds the parameters by their Java type; null is a NULL of type text (the only nullable value written). */
    static PreparedStatement prepare(Connection c, BulkStatements.MultiRowStatement statement) throws SQLException {
        PreparedStatement ps = c.prepareStatement(statement.sql());
        try {
            List<Object> params = statement.parameters();
            for (int i = 0; i < params.size(); i++) {
                Object v = params.get(i);
                int index = i + 1;
                if (v == null) {
                    ps.setNull(index, Types.VARCHAR);
                } else if (v instanceof Long l) {
                    ps.setLong(index, l);
                } else if (v instanceof Integer n) {
                    ps.setInt(index, n);
                } else if (v instanceof String s) {
                    ps.setString(index, s);
                } else if (v instanceof Boolean b) {
                    ps.setBoolean(index, b);
                } else if (v instanceof long[] array) {
                    Long[] boxed = new Long[array.length];
                    for (int k = 0; k < array.length; k++) {
                        boxed[k] = array[k];
                    }
                    ps.setArray(index, c.createArrayOf("bigint", boxed));
                } else {
                    throw new IllegalArgumentException("parameter " + index + " of type " + v.getClass().getName()
                            + " cannot be bound");
                }
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
