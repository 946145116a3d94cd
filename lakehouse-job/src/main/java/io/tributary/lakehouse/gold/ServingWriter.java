package io.tributary.lakehouse.gold;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts a batch's changed windows into PostgreSQL schema {@code serving} with {@code INSERT ... ON CONFLICT DO
 * UPDATE} (absolute totals; an emptied window is deleted) and records the batch in {@code serving.gold_progress} in
 * the same transaction: a batch at or below the recorded one is skipped, so a replay never counts twice.
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
                upsert(c, outcome.windows());
                try (PreparedStatement ps = c.prepareStatement("UPDATE serving.gold_progress SET batch_id = ?,"
                        + " watermark = ?, updated_at = now() WHERE query = ?")) {
                    ps.setLong(1, batchId);
                    ps.setTimestamp(2, timestamp(outcome.watermarkAfter()));
                    ps.setString(3, query);
                    ps.executeUpdate();
                }
                c.commit();
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
        try (PreparedStatement category = c.prepareStatement("INSERT INTO serving.revenue_by_category_1m"
                + " (window_start, window_end, category, orders, units, revenue) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (window_start, category) DO UPDATE SET window_end = EXCLUDED.window_end,"
                + " orders = EXCLUDED.orders, units = EXCLUDED.units, revenue = EXCLUDED.revenue");
                PreparedStatement product = c.prepareStatement("INSERT INTO serving.top_products_5m"
                        + " (window_start, window_end, product_id, units, revenue) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (window_start, product_id) DO UPDATE SET window_end = EXCLUDED.window_end,"
                        + " units = EXCLUDED.units, revenue = EXCLUDED.revenue");
                PreparedStatement dropCategory = c.prepareStatement("DELETE FROM serving.revenue_by_category_1m"
                        + " WHERE window_start = ? AND category = ?");
                PreparedStatement dropProduct = c.prepareStatement("DELETE FROM serving.top_products_5m"
                        + " WHERE window_start = ? AND product_id = ?")) {
            for (Map.Entry<WindowKey, Totals> e : windows.entrySet()) {
                Totals t = e.getValue();
                if (e.getKey() instanceof WindowKey.CategoryWindow w) {
                    if (t.isZero()) {
                        dropCategory.setTimestamp(1, timestamp(w.start()));
                        dropCategory.setString(2, w.category());
                        dropCategory.addBatch();
                    } else {
                        category.setTimestamp(1, timestamp(w.start()));
                        category.setTimestamp(2, timestamp(w.end()));
                        category.setString(3, w.category());
                        category.setLong(4, t.orders());
                        category.setLong(5, t.units());
                        category.setBigDecimal(6, t.revenue());
                        category.addBatch();
                    }
                } else if (e.getKey() instanceof WindowKey.ProductWindow w) {
                    if (t.isZero()) {
                        dropProduct.setTimestamp(1, timestamp(w.start()));
                        dropProduct.setLong(2, w.productId());
                        dropProduct.addBatch();
                    } else {
                        product.setTimestamp(1, timestamp(w.start()));
                        product.setTimestamp(2, timestamp(w.end()));
                        product.setLong(3, w.productId());
                        product.setLong(4, t.units());
                        product.setBigDecimal(5, t.revenue());
                        product.addBatch();
                    }
                }
            }
            category.executeBatch();
            product.executeBatch();
            dropCategory.executeBatch();
            dropProduct.executeBatch();
        }
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
