package io.tributary.lakehouse.gold;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts a batch's changed windows and sessions into PostgreSQL schema {@code serving} with {@code INSERT ... ON
 * CONFLICT DO UPDATE} (absolute totals; an emptied window is deleted), records its abandoned orders in
 * {@code serving.abandoned_orders} (once per order), adds its late contributions to {@code serving.late_deltas} and
 * records the batch in {@code serving.gold_progress}, all in one
 * transaction: a batch at or below the recorded one is skipped, so a replay never counts twice. The abandoned orders
 * are the outbox of the alerts topic: {@code alerted_at} is set once Kafka has acknowledged the alert.
 */
public final class ServingWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ServingWriter.class);

    static final String DDL = """
            CREATE TABLE IF NOT EXISTS serving.revenue_by_category_1m (
                window_start timestamptz NOT NULL, window_end timestamptz NOT NULL, category text NOT NULL,
                orders bigint NOT NULL, units bigint NOT NULL, revenue numeric NOT NULL,
                PRIMARY KEY (window_start, category));
            CREATE TABLE IF NOT EXISTS serving.top_products_5m (
                window_start timestamptz NOT NULL, window_end timestamptz NOT NULL, product_id bigint NOT NULL,
                units bigint NOT NULL, revenue numeric NOT NULL,
                PRIMARY KEY (window_start, product_id));
            CREATE TABLE IF NOT EXISTS serving.customer_sessions (
                customer_id bigint NOT NULL, session_start timestamptz NOT NULL, session_end timestamptz NOT NULL,
                changes bigint NOT NULL, revenue numeric NOT NULL,
                PRIMARY KEY (customer_id, session_start));
            CREATE TABLE IF NOT EXISTS serving.abandoned_orders (
                order_id bigint PRIMARY KEY, customer_id bigint NOT NULL, product_id bigint NOT NULL,
                quantity bigint NOT NULL, unit_price numeric NOT NULL, ordered_at timestamptz NOT NULL,
                abandoned_at timestamptz NOT NULL, found_at_watermark timestamptz NOT NULL, batch_id bigint NOT NULL,
                alerted_at timestamptz);
            CREATE TABLE IF NOT EXISTS serving.late_deltas (
                gold_table text NOT NULL, window_start timestamptz NOT NULL, group_key text NOT NULL,
                orders bigint NOT NULL, units bigint NOT NULL, revenue numeric NOT NULL,
                PRIMARY KEY (gold_table, window_start, group_key));
            CREATE TABLE IF NOT EXISTS serving.gold_progress (
                query text PRIMARY KEY, batch_id bigint NOT NULL, watermark timestamptz, updated_at timestamptz NOT NULL);
            """;

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String query;

    /** @param query the gold query's name: the row of {@code serving.gold_progress} this writer owns */
    public ServingWriter(String jdbcUrl, String user, String password, String query) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.query = query;
    }

    /** Creates the serving tables when missing; schema {@code serving} comes from init-db/04-serving.sql. */
    public void createTables() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(DDL);
        } catch (SQLException e) {
            throw new SQLException("gold: cannot create the serving tables as " + user + " (" + e.getMessage()
                    + "); schema serving must exist and belong to that role: init-db/04-serving.sql", e.getSQLState(), e);
        }
    }

    /** The last batch recorded, or -1. */
    public long lastBatch() throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement("SELECT batch_id FROM serving.gold_progress WHERE query = ?")) {
            ps.setString(1, query);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** Writes the batch unless it is recorded already; returns whether it wrote. */
    public boolean write(BatchOutcome outcome, long batchId) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                long last = lockProgress(c);
                if (batchId <= last) {
                    c.rollback();
                    LOG.info("gold batch {}: serving has it already (last batch {}); skipped", batchId, last);
                    return false;
                }
                upsert(c, outcome.allWindows());
                int abandoned = recordAbandoned(c, outcome.abandoned(), batchId);
                addLate(c, outcome);
                try (PreparedStatement ps = c.prepareStatement("UPDATE serving.gold_progress SET batch_id = ?,"
                        + " watermark = ?, updated_at = now() WHERE query = ?")) {
                    ps.setLong(1, batchId);
                    ps.setTimestamp(2, timestamp(outcome.watermarkAfter()));
                    ps.setString(3, query);
                    ps.executeUpdate();
                }
                c.commit();
                if (abandoned > 0) {
                    LOG.info("gold batch {}: {} orders found abandoned", batchId, abandoned);
                }
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private long lockProgress(Connection c) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO serving.gold_progress (query, batch_id, updated_at)"
                + " VALUES (?, -1, now()) ON CONFLICT (query) DO NOTHING")) {
            ins.setString(1, query);
            ins.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT batch_id FROM serving.gold_progress WHERE query = ? FOR UPDATE")) {
            ps.setString(1, query);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void upsert(Connection c, Map<WindowKey, Totals> windows) throws SQLException {
        for (ServingTable table : ServingTable.values()) {
            try (PreparedStatement upsert = c.prepareStatement(table.upsert);
                    PreparedStatement delete = c.prepareStatement(table.delete)) {
                for (Map.Entry<WindowKey, Totals> e : windows.entrySet()) {
                    if (e.getKey().table() != table.gold) {
                        continue;
                    }
                    if (e.getValue().isZero()) {
                        table.bindKey(delete, e.getKey());
                        delete.addBatch();
                    } else {
                        table.bindRow(upsert, e.getKey(), e.getValue());
                        upsert.addBatch();
                    }
                }
                upsert.executeBatch();
                delete.executeBatch();
            }
        }
    }

    /**
     * Adds the batch's late contributions to {@code serving.late_deltas}, summed per table, window and group (a
     * session's late point: its own time and customer). Additive, and idempotent because the whole batch is written
     * once: what {@code gold check} adds to the served rows.
     */
    private static void addLate(Connection c, BatchOutcome outcome) throws SQLException {
        Map<List<Object>, Totals> sums = new LinkedHashMap<>();
        for (List<LateChange> late : List.of(outcome.late(), outcome.lateSessions())) {
            for (LateChange l : late) {
                sums.merge(List.of(l.window().table().tableName(), l.window().start(), l.window().group()), l.delta(),
                        Totals::plus);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO serving.late_deltas (gold_table, window_start,"
                + " group_key, orders, units, revenue) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (gold_table, window_start,"
                + " group_key) DO UPDATE SET orders = late_deltas.orders + EXCLUDED.orders,"
                + " units = late_deltas.units + EXCLUDED.units, revenue = late_deltas.revenue + EXCLUDED.revenue")) {
            for (Map.Entry<List<Object>, Totals> e : sums.entrySet()) {
                ps.setString(1, (String) e.getKey().get(0));
                ps.setTimestamp(2, timestamp((Instant) e.getKey().get(1)));
                ps.setString(3, (String) e.getKey().get(2));
                ps.setLong(4, e.getValue().orders());
                ps.setLong(5, e.getValue().units());
                ps.setBigDecimal(6, e.getValue().revenue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Records the abandoned orders not recorded yet (an order is abandoned once); returns how many were new. */
    private static int recordAbandoned(Connection c, List<AbandonedOrder> abandoned, long batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO serving.abandoned_orders (order_id, customer_id,"
                + " product_id, quantity, unit_price, ordered_at, abandoned_at, found_at_watermark, batch_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING")) {
            for (AbandonedOrder a : abandoned) {
                OrderImage o = a.order();
                ps.setLong(1, o.orderId());
                ps.setLong(2, o.customerId());
                ps.setLong(3, o.productId());
                ps.setLong(4, o.quantity());
                ps.setBigDecimal(5, o.unitPrice());
                ps.setTimestamp(6, timestamp(o.orderedAt()));
                ps.setTimestamp(7, timestamp(a.abandonedAt()));
                ps.setTimestamp(8, timestamp(a.watermark()));
                ps.setLong(9, batchId);
                ps.addBatch();
            }
            int added = 0;
            for (int n : ps.executeBatch()) {
                added += Math.max(n, 0);
            }
            return added;
        }
    }

    /** The abandoned orders recorded but not yet alerted (alerted_at null), by order id. */
    public List<AbandonedOrder> unalerted() throws SQLException {
        List<AbandonedOrder> out = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT order_id, product_id, customer_id, quantity, unit_price,"
                        + " ordered_at, abandoned_at, found_at_watermark FROM serving.abandoned_orders"
                        + " WHERE alerted_at IS NULL ORDER BY order_id")) {
            while (rs.next()) {
                out.add(new AbandonedOrder(new OrderImage(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getBigDecimal(5), OrderImage.PLACED, rs.getTimestamp(6).toInstant()),
                        rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant()));
            }
        }
        return out;
    }

    /** Marks orders as alerted: their alert is in Kafka (acknowledged). */
    public void markAlerted(List<AbandonedOrder> alerted) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE serving.abandoned_orders SET alerted_at = now() WHERE order_id = ? AND alerted_at IS NULL")) {
            for (AbandonedOrder a : alerted) {
                ps.setLong(1, a.order().orderId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A serving table of windows: its upsert, its delete, and how a window binds to them. */
    private enum ServingTable {
        REVENUE_BY_CATEGORY(GoldTable.REVENUE_BY_CATEGORY_1M, "INSERT INTO serving.revenue_by_category_1m"
                + " (window_start, window_end, category, orders, units, revenue) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (window_start, category) DO UPDATE SET window_end = EXCLUDED.window_end,"
                + " orders = EXCLUDED.orders, units = EXCLUDED.units, revenue = EXCLUDED.revenue",
                "DELETE FROM serving.revenue_by_category_1m WHERE window_start = ? AND category = ?"),
        TOP_PRODUCTS(GoldTable.TOP_PRODUCTS_5M, "INSERT INTO serving.top_products_5m"
                + " (window_start, window_end, product_id, units, revenue) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (window_start, product_id) DO UPDATE SET window_end = EXCLUDED.window_end,"
                + " units = EXCLUDED.units, revenue = EXCLUDED.revenue",
                "DELETE FROM serving.top_products_5m WHERE window_start = ? AND product_id = ?"),
        CUSTOMER_SESSIONS(GoldTable.CUSTOMER_SESSIONS, "INSERT INTO serving.customer_sessions"
                + " (customer_id, session_start, session_end, changes, revenue) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (customer_id, session_start) DO UPDATE SET session_end = EXCLUDED.session_end,"
                + " changes = EXCLUDED.changes, revenue = EXCLUDED.revenue",
                "DELETE FROM serving.customer_sessions WHERE customer_id = ? AND session_start = ?");

        private final GoldTable gold;
        private final String upsert;
        private final String delete;

        ServingTable(GoldTable gold, String upsert, String delete) {
            this.gold = gold;
            this.upsert = upsert;
            this.delete = delete;
        }

        void bindKey(PreparedStatement ps, WindowKey key) throws SQLException {
            if (key instanceof WindowKey.SessionWindow w) {
                ps.setLong(1, w.customerId());
                ps.setTimestamp(2, timestamp(w.start()));
            } else {
                ps.setTimestamp(1, timestamp(key.start()));
                bindGroup(ps, 2, key);
            }
        }

        void bindRow(PreparedStatement ps, WindowKey key, Totals t) throws SQLException {
            int i = 1;
            if (key instanceof WindowKey.SessionWindow w) {
                ps.setLong(i++, w.customerId());
                ps.setTimestamp(i++, timestamp(w.start()));
                ps.setTimestamp(i++, timestamp(w.end()));
            } else {
                ps.setTimestamp(i++, timestamp(key.start()));
                ps.setTimestamp(i++, timestamp(key.end()));
                bindGroup(ps, i++, key);
            }
            if (!(key instanceof WindowKey.ProductWindow)) {
                ps.setLong(i++, t.orders());
            }
            if (!(key instanceof WindowKey.SessionWindow)) {
                ps.setLong(i++, t.units());
            }
            ps.setBigDecimal(i, t.revenue());
        }

        private static void bindGroup(PreparedStatement ps, int index, WindowKey key) throws SQLException {
            if (key instanceof WindowKey.ProductWindow w) {
                ps.setLong(index, w.productId());
            } else {
                ps.setString(index, key.group());
            }
        }
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
