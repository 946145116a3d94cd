package io.tributary.lakehouse.gold;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch answer gold must equal: every closed window of a gold table recomputed with SQL from the source tables in
 * PostgreSQL ({@code <schema>.orders} and {@code .products}), and the same closed windows as {@code serving} holds
 * them. Both as rows keyed by (window start, group as text) with their measures as decimals at scale 6: for
 * {@code revenue_by_category_1m} orders, units, revenue; for {@code top_products_5m} units, revenue; for
 * {@code customer_sessions} the session's end (epoch milliseconds, with the microseconds as fraction), changes,
 * revenue.
 */
public final class GoldRecomputation {

    /** Rows of one table: (window start, group) to measures. */
    public record Rows(GoldTable table, Map<List<Object>, List<BigDecimal>> rows) {
    }

    private static final int SCALE = 6;

    private final String schema;
    private final Duration sessionGap;

    public GoldRecomputation(String sourceSchema, Duration sessionGap) {
        if (!sourceSchema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("source schema '" + sourceSchema + "' is no plain lower-case name");
        }
        this.schema = sourceSchema;
        this.sessionGap = sessionGap;
    }

    /** The recomputation of a table from the source tables, every window (closed or not). */
    public String sql(GoldTable table) {
        String orders = "FROM " + schema + ".orders o";
        String counting = " WHERE o.status <> '" + OrderImage.CANCELLED + "'";
        String minute = "date_bin('1 minute', o.ordered_at, timestamptz 'epoch')";
        return switch (table) {
            case REVENUE_BY_CATEGORY_1M -> "SELECT " + minute + " AS window_start, coalesce(p.category, '"
                    + GoldWindows.UNKNOWN_CATEGORY + "') AS grp, count(*), sum(o.quantity),"
                    + " sum(o.quantity * o.unit_price) " + orders + " LEFT JOIN " + schema
                    + ".products p USING (product_id)" + counting + " GROUP BY 1, 2";
            case TOP_PRODUCTS_5M -> "SELECT s.window_start, o.product_id::text AS grp, sum(o.quantity),"
                    + " sum(o.quantity * o.unit_price) " + orders + " CROSS JOIN LATERAL generate_series("
                    + minute + " - interval '4 minutes', " + minute + ", interval '1 minute') AS s(window_start)"
                    + counting + " GROUP BY 1, 2";
            case CUSTOMER_SESSIONS -> "WITH g AS (SELECT o.customer_id, o.ordered_at, o.quantity * o.unit_price AS"
                    + " revenue, CASE WHEN o.ordered_at - lag(o.ordered_at) OVER w < " + gap()
                    + " THEN 0 ELSE 1 END AS starts " + orders + counting
                    + " WINDOW w AS (PARTITION BY o.customer_id ORDER BY o.ordered_at)),"
                    + " s AS (SELECT *, sum(starts) OVER (PARTITION BY customer_id ORDER BY ordered_at, starts DESC"
                    + " ROWS UNBOUNDED PRECEDING) AS session FROM g)"
                    + " SELECT min(ordered_at) AS window_start, customer_id::text AS grp,"
                    + " (extract(epoch FROM max(ordered_at) + " + gap() + ") * 1000)::numeric AS end_ms, count(*),"
                    + " sum(revenue)"
                    + " FROM s GROUP BY customer_id, session";
        };
    }

    /** The closed windows of the recomputation. */
    public Rows recomputed(Connection c, GoldTable table, Instant watermark) throws SQLException {
        return new Rows(table, query(c, "SELECT * FROM (" + sql(table) + ") r WHERE " + closed(table), watermark));
    }

    /** The closed windows serving holds. */
    public Rows served(Connection c, GoldTable table, Instant watermark) throws SQLException {
        String sql = switch (table) {
            case REVENUE_BY_CATEGORY_1M -> "SELECT window_start, category, orders, units, revenue"
                    + " FROM serving.revenue_by_category_1m WHERE window_end <= ?";
            case TOP_PRODUCTS_5M -> "SELECT window_start, product_id::text, units, revenue FROM serving.top_products_5m"
                    + " WHERE window_end <= ?";
            case CUSTOMER_SESSIONS -> "SELECT session_start, customer_id::text,"
                    + " (extract(epoch FROM session_end) * 1000)::numeric, changes, revenue"
                    + " FROM serving.customer_sessions WHERE session_end <= ?";
        };
        return new Rows(table, query(c, sql, watermark));
    }

    /** The condition on a row {@code r} of the recomputation that it is closed by the watermark {@code ?}. */
    private static String closed(GoldTable table) {
        return switch (table) {
            case REVENUE_BY_CATEGORY_1M -> "r.window_start + interval '1 minute' <= ?";
            case TOP_PRODUCTS_5M -> "r.window_start + interval '5 minutes' <= ?";
            case CUSTOMER_SESSIONS -> "r.end_ms <= extract(epoch FROM ?::timestamptz) * 1000";
        };
    }

    /** The late contributions serving keeps ({@code serving.late_deltas}, summed per table, window and group). */
    public static List<LateDelta> late(Connection c) throws SQLException {
        List<LateDelta> late = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT gold_table, window_start, group_key, orders, units,"
                + " revenue FROM serving.late_deltas"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                late.add(new LateDelta(GoldTable.named(rs.getString(1)), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        new Totals(rs.getLong(4), rs.getLong(5), rs.getBigDecimal(6))));
            }
        }
        return late;
    }

    private String gap() {
        return "interval '" + sessionGap.toNanos() / 1000 + " microseconds'";
    }

    /** Rows of a query whose first column is a timestamp, second the group, the rest measures; one parameter. */
    static Map<List<Object>, List<BigDecimal>> query(Connection c, String sql, Instant watermark) throws SQLException {
        Map<List<Object>, List<BigDecimal>> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(watermark));
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<BigDecimal> values = new ArrayList<>();
                    for (int i = 3; i <= n; i++) {
                        values.add(rs.getBigDecimal(i).setScale(SCALE, RoundingMode.UNNECESSARY));
                    }
                    rows.put(List.of(rs.getTimestamp(1).toInstant(), rs.getString(2)), values);
                }
            }
        }
        return rows;
    }
}
