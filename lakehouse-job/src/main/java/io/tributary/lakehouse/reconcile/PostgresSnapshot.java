package io.tributary.lakehouse.reconcile;

import io.tributary.contracts.wal.Lsn;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
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

    /**
     * The schema's tables (plain and partitioned), from the catalog: information_schema lists only the tables this
     * role holds a privilege on, and a table it cannot read must be reported, not missed. A partition is not a table
     * of its own: the publication publishes it through its root (init-db/07-publication-partition-root.sql), so its
     * rows are in the root's silver table and compared there.
     */
    List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.relname FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname")) {
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
        return namesOf(table, "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position");
    }

    /** The table's generated (STORED) columns, which logical replication does not carry. */
    List<String> generatedColumns(String table) throws SQLException {
        return namesOf(table, "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? AND is_generated = 'ALWAYS' ORDER BY ordinal_position");
    }

    /** Whether this connection's role may read the table (a table another role created may not be). */
    boolean readable(String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT has_table_privilege((quote_ident(?) || '.' || quote_ident(?))::regclass, 'SELECT')")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The primary-key columns in key order; empty when the table has none. */
    List<String> keyColumns(String table) throws SQLException {
        return namesOf(table, "SELECT a.attname FROM pg_index i"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                + " WHERE i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND i.indisprimary"
                + " ORDER BY array_position(i.indkey::int2[], a.attnum)");
    }

    /** The first column of {@code sql}, a query with two parameters: this snapshot's schema and {@code table}. */
    private List<String> namesOf(String table, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** key -> fingerprint of {@code columns} (in that order) for every row. */
    Map<String, String> fingerprints(String table, List<String> keyColumns, List<String> columns) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> all = new ArrayList<>(keyColumns);
        all.addAll(columns);
        Map<String, String> types = columnTypes(table);
        for (int i = 0; i < all.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(selectExpression(all.get(i), types.getOrDefault(all.get(i), "")));
        }
        sql.append(" FROM ").append(quote(schema)).append('.').append(quote(table));
        Map<String, String> result = new HashMap<>();
        try (Statement s = connection.createStatement()) {
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery(sql.toString())) {
                Class<?>[] javaTime = javaTimeClasses(rs.getMetaData());
                while (rs.next()) {
                    List<String> key = new ArrayList<>(keyColumns.size());
                    for (int i = 0; i < keyColumns.size(); i++) {
                        key.add(ValueNormalizer.normalize(value(rs, i + 1, javaTime)));
                    }
                    List<String> values = new ArrayList<>(columns.size());
                    for (int i = 0; i < columns.size(); i++) {
                        values.add(ValueNormalizer.normalize(value(rs, keyColumns.size() + i + 1, javaTime)));
                    }
                    result.put(RowFingerprint.key(key), RowFingerprint.of(values));
                }
            }
        }
        return result;
    }

    /** column -> its type name ({@code pg_type.typname}; a domain's base type, {@code _int4} for an int4 array). */
    Map<String, String> columnTypes(String table) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT a.attname, coalesce(nullif(b.typname, ''),"
                + " t.typname) FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_type b ON b.oid = t.typbasetype AND t.typtype = 'd'"
                + " WHERE a.attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND a.attnum > 0"
                + " AND NOT a.attisdropped")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }

    /**
     * The column as the query reads it: as itself, or for three types already in silver's form, so that
     * {@link ValueNormalizer} sees the same value on both sides: {@code money} as numeric (the driver would give a
     * double), {@code interval} as Debezium's ISO-8601 text ({@code P1Y2M3DT4H5M6.789S},
     * {@code interval.handling.mode=string}), {@code time} as microseconds since midnight (silver's bigint).
     */
    static String selectExpression(String column, String type) {
        String c = quote(column);
        return switch (type) {
            case "money" -> c + "::numeric";
            case "interval" -> "CASE WHEN " + c + " IS NOT NULL THEN 'P' || extract(year FROM " + c + ") || 'Y'"
                    + " || extract(month FROM " + c + ") || 'M' || extract(day FROM " + c + ") || 'DT'"
                    + " || extract(hour FROM " + c + ") || 'H' || extract(minute FROM " + c + ") || 'M'"
                    + " || trim_scale(extract(second FROM " + c + ")) || 'S' END";
            case "time" -> "(extract(epoch FROM " + c + ") * 1000000)::bigint";
            default -> c;
        };
    }

    /**
     * Per column (1-based), the java.time class to read it as, null for {@code getObject}. The driver's default
     * {@code java.sql.Timestamp}/{@code Date} use the hybrid Julian calendar (0001-01-01 reads as 0000-12-30,
     * 1582-10-10 as 1582-10-20) and carry no "without time zone"; silver holds proleptic Gregorian
     * {@code LocalDateTime} (timestamp_ntz), {@code Instant} and {@code LocalDate}.
     */
    private static Class<?>[] javaTimeClasses(ResultSetMetaData md) throws SQLException {
        Class<?>[] classes = new Class<?>[md.getColumnCount() + 1];
        for (int i = 1; i <= md.getColumnCount(); i++) {
            classes[i] = switch (md.getColumnTypeName(i)) {
                case "timestamp" -> LocalDateTime.class;
                case "timestamptz" -> OffsetDateTime.class;
                case "date" -> LocalDate.class;
                case "timetz" -> OffsetTime.class;
                default -> null;
            };
        }
        return classes;
    }

    private static Object value(ResultSet rs, int column, Class<?>[] javaTime) throws SQLException {
        return javaTime[column] == null ? rs.getObject(column) : rs.getObject(column, javaTime[column]);
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
