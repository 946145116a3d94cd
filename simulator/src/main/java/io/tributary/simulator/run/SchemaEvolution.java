package io.tributary.simulator.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema changes {@code --schema-changes} makes during a run, in this order:
 * <ol>
 *   <li>ADD COLUMN customers.marketing_opt_in boolean (the simulator then fills it);</li>
 *   <li>widen orders.quantity integer -> bigint;</li>
 *   <li>widen products.price numeric(p,s) -> numeric(p+4,s);</li>
 *   <li>DROP COLUMN customers.marketing_opt_in (a nullable, non-key column the simulator added).</li>
 * </ol>
 * Each runs in its own transaction with a short lock timeout: while an ALTER waits for its lock, every
 * writer of the table queues behind it, so when a long reader (a CDC snapshot) holds the table the step
 * gives up quickly, the shop goes on, and the step is tried again later. A step whose work is already done
 * (a rerun) is a logged no-op.
 */
final class SchemaEvolution {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaEvolution.class);
    /** How long a step waits for its table lock; waiting longer would stall every writer queued behind it. */
    static final String LOCK_TIMEOUT = "2s";
    static final String LOCK_NOT_AVAILABLE = "55P03";

    /** Runs a step's DDL inside the caller's transaction; returns false when there was nothing to do. */
    @FunctionalInterface
    interface Ddl {
        boolean apply(Connection c, ShopTables t) throws SQLException;
    }

    /** One schema change: what it is, its DDL, and what the simulator does differently once it is committed. */
    record Step(String description, Ddl ddl, Consumer<SharedSchema> onCommit) {

        boolean apply(Connection c, ShopTables t) throws SQLException {
            return ddl.apply(c, t);
        }

        void committed(SharedSchema schema) {
            onCommit.accept(schema);
        }
    }

    static final List<Step> STEPS = List.of(
            new Step("ADD COLUMN customers.marketing_opt_in boolean",
                    (c, t) -> ddl(c, "ALTER TABLE " + t.customers()
                            + " ADD COLUMN IF NOT EXISTS marketing_opt_in boolean"),
                    schema -> schema.marketingOptIn = true),
            new Step("ALTER COLUMN orders.quantity TYPE bigint (from integer)",
                    SchemaEvolution::widenQuantity, schema -> { }),
            new Step("ALTER COLUMN products.price TYPE numeric(p+4,s)",
                    SchemaEvolution::widenPrice, schema -> { }),
            new Step("DROP COLUMN customers.marketing_opt_in",
                    (c, t) -> ddl(c, "ALTER TABLE " + t.customers() + " DROP COLUMN IF EXISTS marketing_opt_in"),
                    schema -> schema.marketingOptIn = false));

    private SchemaEvolution() {
    }

    private static boolean widenQuantity(Connection c, ShopTables t) throws SQLException {
        String type = columnType(c, t, ShopTables.ORDERS, "quantity");
        if (!type.equals("integer")) {
            LOG.info("orders.quantity is already {}; not widening it", type);
            return false;
        }
        return ddl(c, "ALTER TABLE " + t.orders() + " ALTER COLUMN quantity TYPE bigint");
    }

    private static boolean widenPrice(Connection c, ShopTables t) throws SQLException {
        int[] ps = numericPrecision(c, t, ShopTables.PRODUCTS, "price");
        if (ps == null || ps[0] + 4 > 1000) {
            LOG.info("products.price is not a numeric(p,s) that can be widened; skipping");
            return false;
        }
        int precision = ps[0] + 4;
        int scale = ps[1];
        return ddl(c, "ALTER TABLE " + t.products() + " ALTER COLUMN price TYPE numeric("
                + precision + "," + scale + ")");
    }

    private static boolean ddl(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
            st.execute(sql);
        }
        return true;
    }

    static String columnType(Connection c, ShopTables t, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT data_type FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? AND column_name = ?")) {
            ps.setString(1, t.schema().name());
            ps.setString(2, table);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "missing";
            }
        }
    }

    /** {precision, scale} of a numeric column with a declared precision, else null. */
    static int[] numericPrecision(Connection c, ShopTables t, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT numeric_precision, numeric_scale FROM"
                + " information_schema.columns WHERE table_schema = ? AND table_name = ? AND column_name = ?"
                + " AND data_type = 'numeric' AND numeric_precision IS NOT NULL")) {
            ps.setString(1, t.schema().name());
            ps.setString(2, table);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new int[] {rs.getInt(1), rs.getInt(2)} : null;
            }
        }
    }
}
