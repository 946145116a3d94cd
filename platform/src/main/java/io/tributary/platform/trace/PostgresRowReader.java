package io.tributary.platform.trace;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the key's row from {@code shop.<table>}: its values ({@code row_to_json}), the transaction that wrote it
 * ({@code xmin}) and, when the server keeps commit timestamps ({@code track_commit_timestamp}), its commit time.
 */
public final class PostgresRowReader {
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String schema;

    public PostgresRowReader(String jdbcUrl, String user, String password, String schema) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    public PostgresRow read(String table, Map<String, String> key) {
        String where = key.keySet().stream().map(c -> quote(c) + "::text = ?").collect(Collectors.joining(" AND "));
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            boolean commitTimes;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW track_commit_timestamp")) {
                commitTimes = rs.next() && "on".equals(rs.getString(1));
            }
            String commitTime = commitTimes ? "floor(extract(epoch FROM pg_xact_commit_timestamp(t.xmin)) * 1000)::bigint"
                    : "NULL::bigint";
            String sql = "SELECT row_to_json(t)::text, t.xmin::text::bigint, " + commitTime
                    + " FROM " + quote(schema) + "." + quote(table) + " t WHERE " + where;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (String v : key.values()) {
                    ps.setString(i++, v);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return PostgresRow.missing();
                    }
                    String values = rs.getString(1);
                    long xmin = rs.getLong(2);
                    long commitTs = rs.getLong(3);
                    return new PostgresRow(true, xmin, rs.wasNull() ? null : commitTs, values);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + schema + "." + table + " where " + key + " from PostgreSQL ("
                    + jdbcUrl + "): " + e.getMessage() + " (tributary status shows whether postgres runs)", e);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
