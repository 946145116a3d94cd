package io.tributary.lakehouse.daily;

import io.tributary.lakehouse.reconcile.PostgresSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serving.daily_sales} in PostgreSQL: the day's rows upserted ({@code INSERT ... ON CONFLICT (date, category)
 * DO UPDATE}) and the day's categories that no longer have sales deleted, in one transaction: a rerun of a day leaves
 * exactly that day's new rows, readers never see half a day.
 */
public final class ServingDailySales {

    private static final Logger LOG = LoggerFactory.getLogger(ServingDailySales.class);

    static final String DDL = """
            CREATE TABLE IF NOT EXISTS serving.daily_sales (
                date date NOT NULL, category text NOT NULL, orders bigint NOT NULL, units bigint NOT NULL,
                revenue numeric NOT NULL, PRIMARY KEY (date, category))""";

    /** One row of the table (a broken gold row may hold nulls: validate compares them too). */
    public record SalesRow(java.time.LocalDate date, String category, Long orders, Long units, BigDecimal revenue) {

        static SalesRow of(Row r) {
            return new SalesRow(r.<java.time.LocalDate>getAs("date"), r.getAs("category"), r.<Long>getAs("orders"),
                    r.<Long>getAs("units"), r.getAs("revenue"));
        }

        /** Comparable across PostgreSQL and Delta: revenue without trailing zeros. */
        public String canonical() {
            return date + "|" + category + "|" + orders + "|" + units + "|"
                    + (revenue == null ? "null" : revenue.stripTrailingZeros().toPlainString());
        }
    }

    private final PostgresSource postgres;

    public ServingDailySales(PostgresSource postgres) {
        this.postgres = postgres;
    }

    /** Replaces the day's rows by {@code rows}. */
    public void replaceDay(BusinessDay day, List<Row> rows) throws SQLException {
        try (Connection c = connect()) {
            createTable(c);
            c.setAutoCommit(false);
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO serving.daily_sales (date, category,"
                    + " orders, units, revenue) VALUES (?, ?, ?, ?, ?) ON CONFLICT (date, category) DO UPDATE SET"
                    + " orders = EXCLUDED.orders, units = EXCLUDED.units, revenue = EXCLUDED.revenue");
                    PreparedStatement drop = c.prepareStatement("DELETE FROM serving.daily_sales WHERE date = ?"
                            + " AND NOT (category = ANY (?))")) {
                List<String> categories = new ArrayList<>();
                for (Row r : rows) {
                    SalesRow s = SalesRow.of(r);
                    upsert.setDate(1, Date.valueOf(s.date()));
                    upsert.setString(2, s.category());
                    upsert.setLong(3, s.orders());
                    upsert.setLong(4, s.units());
                    upsert.setBigDecimal(5, s.revenue());
                    upsert.addBatch();
                    categories.add(s.category());
                }
                upsert.executeBatch();
                drop.setDate(1, Date.valueOf(day.date()));
                drop.setArray(2, c.createArrayOf("text", categories.toArray()));
                int dropped = drop.executeUpdate();
                c.commit();
                LOG.info("serving.daily_sales: {} upserted with {} categories, {} stale removed", day, rows.size(),
                        dropped);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The day's rows as PostgreSQL holds them; empty when the table does not exist yet. */
    public List<SalesRow> read(BusinessDay day) throws SQLException {
        List<SalesRow> rows = new ArrayList<>();
        try (Connection c = connect()) {
            createTable(c);
            try (PreparedStatement ps = c.prepareStatement("SELECT date, category, orders, units, revenue"
                    + " FROM serving.daily_sales WHERE date = ? ORDER BY category")) {
                ps.setDate(1, Date.valueOf(day.date()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new SalesRow(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getLong(3),
                                rs.getLong(4), rs.getBigDecimal(5)));
                    }
                }
            }
        }
        return rows;
    }

    private void createTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(DDL);
        } catch (SQLException e) {
            throw new SQLException("serving.daily_sales: cannot create it as " + postgres.user() + " ("
                    + e.getMessage() + "); schema serving must exist and belong to that role:"
                    + " init-db/04-serving.sql", e.getSQLState(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }
}
