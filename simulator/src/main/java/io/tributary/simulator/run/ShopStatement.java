package io.tributary.simulator.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One statement of a business event: its SQL over the shop's tables and the table and operation its rows count as.
 * Runs in the caller's transaction and counts what it changed into the event's {@link Effects}: the one place where
 * the events' statements are prepared, bound, executed and counted. Values are bound by their Java type (Long as
 * bigint, Integer as integer, String as varchar, ...); a null needs its SQL type, see {@link #text}.
 */
record ShopStatement(String table, RunStats.Op op, Function<ShopTables, String> sql) {

    /** A SQL NULL of a given {@link Types} type. */
    private record TypedNull(int sqlType) {
    }

    private static final TypedNull NULL_TEXT = new TypedNull(Types.VARCHAR);

    /** A text value that may be null. */
    static Object text(String value) {
        return value == null ? NULL_TEXT : value;
    }

    /** Runs the statement; returns the rows it changed, counted into {@code effects}. */
    int update(Connection c, ShopTables t, Effects effects, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, t, values)) {
            int count = ps.executeUpdate();
            effects.rows(table, op, count);
            return count;
        }
    }

    /**
     * Runs a statement with {@code RETURNING}; returns the first {@code columns} columns (bigint) of every row it
     * returned, each row counted into {@code effects}.
     */
    List<long[]> returning(Connection c, ShopTables t, Effects effects, int columns, Object... values)
            throws SQLException {
        List<long[]> rows = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, t, values); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long[] row = new long[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getLong(i + 1);
                }
                rows.add(row);
            }
        }
        effects.rows(table, op, rows.size());
        return rows;
    }

    private PreparedStatement prepare(Connection c, ShopTables t, Object[] values) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql.apply(t));
        try {
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof TypedNull typedNull) {
                    ps.setNull(i + 1, typedNull.sqlType());
                } else if (values[i] == null) {
                    throw new IllegalArgumentException("value " + (i + 1) + " of " + sql.apply(t)
                            + " is null without a SQL type; bind it with ShopStatement.text");
                } else {
                    ps.setObject(i + 1, values[i]);
                }
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
