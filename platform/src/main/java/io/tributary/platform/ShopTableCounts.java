package io.tributary.platform;

import io.tributary.stack.PostgresEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of every table of PostgreSQL's schema {@code shop} now ({@code count(*)} each), by table name; a partitioned
 * table once, under its root's name.
 */
final class ShopTableCounts {
    private static final Logger LOG = LoggerFactory.getLogger(ShopTableCounts.class);

    private ShopTableCounts() {
    }

    /** The counts in table-name order; empty (and logged) when PostgreSQL does not answer. */
    static Optional<Map<String, Long>> count(PostgresEndpoint pg) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.appUser(), pg.appPassword());
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            // a partition's rows are its root's (the publication publishes through the root): counted there only
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'shop'"
                    + " AND table_type = 'BASE TABLE' AND table_name NOT IN (SELECT c.relname FROM pg_catalog.pg_class c"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'shop'"
                    + " AND c.relispartition) ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM shop.\"" + t.replace("\"", "\"\"") + "\"")) {
                    rs.next();
                    counts.put(t, rs.getLong(1));
                }
            }
            return Optional.of(counts);
        } catch (SQLException e) {
            LOG.warn("Cannot count the rows of PostgreSQL's tables ({}): {}", pg.jdbcUrl(), e.getMessage());
            return Optional.empty();
        }
    }
}
