package io.tributary.lakehouse.reconcile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One REPEATABLE READ, read-only transaction over every table of the schema: all tables are read from the same
 * snapshot, and {@link #lsn()} is the WAL position read by the transaction's first statement (which takes the
 * snapshot).
 */
final class PostgresSnapshot implements AutoCloseable {
    private final Connection connection;
    private final String schema;
    private final long lsn;

    private PostgresSnapshot(Connection connection, String schema, long lsn) {
        this.connection = connection;
        this.schema = schema;
        this.lsn = lsn;
    }

    static PostgresSnapshot open(PostgresSource source, String schema) throws SQLException {
        Connection c = DriverManager.getConnection(source.jdbcUrl(), source.user(), source.password());
        try {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
                rs.next();
                return new PostgresSnapshot(c, schema, Lsn.parse(rs.getString(1)));
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    long lsn() {
        return lsn;
    }

    List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    List<String> columns(String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /** The primary-key columns in key order; empty when the table has none. */
    List<String> keyColumns(String table) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT a.attname FROM pg_index i"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                + " WHERE i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND i.indisprimary"
                + " ORDER BY array_position(i.indkey::int2[], a.attnum)")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }

    /** key -> fingerprint of {@code columns} (in that order) for every row. */
    Map<String, String> fingerprints(String table, List<String> keyColumns, List<String> columns) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> all = new ArrayList<>(keyColumns);
        all.addAll(columns);
        for (int i = 0; i < all.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quote(all.get(i)));
        }
        sql.append(" FROM ").append(quote(schema)).append('.').append(quote(table));
        Map<String, String> result = new HashMap<>();
        try (Statement s = connection.createStatement()) {
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery(sql.toString())) {
                while (rs.next()) {
                    List<String> key = new ArrayList<>(keyColumns.size());
                    for (int i = 0; i < keyColumns.size(); i++) {
                        key.add(ValueNormalizer.normalize(rs.getObject(i + 1)));
                    }
                    List<String> values = new ArrayList<>(columns.size());
                    for (int i = 0; i < columns.size(); i++) {
                        values.add(ValueNormalizer.normalize(rs.getObject(keyColumns.size() + i + 1)));
                    }
                    result.put(RowFingerprint.key(key), RowFingerprint.of(values));
                }
            }
        }
        return result;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
