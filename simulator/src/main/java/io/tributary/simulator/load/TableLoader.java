package io.tributary.simulator.load;

import io.tributary.simulator.csv.CsvInputException;
import io.tributary.simulator.csv.CsvRecord;
import io.tributary.simulator.csv.CsvTableReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.StringJoiner;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates one table and fills it with COPY, all inside one transaction: either the table exists with
 * every record of the file, or (on any error) nothing was created. A table that already exists is
 * skipped, or dropped and reloaded in the same transaction with {@code replace}.
 */
public final class TableLoader {

    private static final Logger LOG = LoggerFactory.getLogger(TableLoader.class);
    private static final int COPY_CHUNK_CHARS = 1 << 16;

    private final Connection connection;
    private final Identifier schema;

    public TableLoader(Connection connection, Identifier schema) {
        this.connection = connection;
        this.schema = schema;
    }

    public LoadResult load(TableSpec spec, boolean replace) throws SQLException, IOException {
        long start = System.nanoTime();
        String table = schema.quoted() + "." + spec.table().quoted();
        connection.setAutoCommit(false);
        boolean committed = false;
        CopyIn copy = null;
        try {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "tributary.simulator.load." + schema + "." + spec.table());
                lock.execute();
            }
            if (exists(table)) {
                if (!replace) {
                    long rows = count(table);
                    connection.rollback();
                    LOG.info("Table {}.{} already exists with {} rows; skipping {} (use --replace to drop and reload it)",
                            schema, spec.table(), rows, spec.file());
                    return new LoadResult(spec.table().name(), LoadResult.Status.SKIPPED_EXISTS, rows,
                            Duration.ofNanos(System.nanoTime() - start));
                }
                LOG.info("Dropping {}.{} to reload it from {} (--replace)", schema, spec.table(), spec.file());
                execute("DROP TABLE " + table);
            }
            execute(createTable(table, spec));
            execute("ALTER TABLE " + table + " REPLICA IDENTITY FULL");

            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copyStatement(table, spec));
            long rows = streamRows(spec, copy);
            copy.endCopy();
            copy = null;

            if (spec.primaryKey().type().isInteger()) {
                moveIdentityPastMax(table, spec.primaryKey().name());
            }
            execute("ANALYZE " + table);
            connection.commit();
            committed = true;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            LoadResult result = new LoadResult(spec.table().name(), LoadResult.Status.LOADED, rows, elapsed);
            LOG.info("Loaded {} rows into {}.{} from {} in {} ms ({} rows/s)", rows, schema, spec.table(),
                    spec.file(), elapsed.toMillis(), Math.round(result.rowsPerSecond()));
            return result;
        } catch (PSQLException e) {
            throw new SQLException(spec.file() + ": PostgreSQL refused the load of " + schema + "." + spec.table()
                    + ": " + e.getMessage() + "; nothing was created", e.getSQLState(), e);
        } finally {
            if (!committed) {
                cancelQuietly(copy);
                rollbackQuietly();
            }
        }
    }

    private long streamRows(TableSpec spec, CopyIn copy) throws IOException, SQLException {
        CopyRowEncoder encoder = new CopyRowEncoder(spec);
        StringBuilder buffer = new StringBuilder(COPY_CHUNK_CHARS + 8192);
        long rows = 0;
        try (CsvTableReader reader = CsvTableReader.open(spec.file())) {
            if (reader.header().size() != spec.columns().size()) {
                throw new CsvInputException(spec.file(), 1, null, "the header changed while loading; retry");
            }
            CsvRecord record;
            while ((record = reader.next()) != null) {
                encoder.encode(record, buffer);
                rows++;
                if (buffer.length() >= COPY_CHUNK_CHARS) {
                    write(copy, buffer);
                }
            }
        }
        write(copy, buffer);
        return rows;
    }

    private static void write(CopyIn copy, StringBuilder buffer) throws SQLException {
        if (buffer.length() > 0) {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }

    static String createTable(String table, TableSpec spec) {
        StringJoiner columns = new StringJoiner(", ", "CREATE TABLE " + table + " (", ")");
        for (ColumnSpec column : spec.columns()) {
            if (column == spec.primaryKey()) {
                String identity = column.type().isInteger() ? " GENERATED BY DEFAULT AS IDENTITY" : "";
                columns.add(column.ddl() + identity + " PRIMARY KEY");
            } else {
                columns.add(column.ddl());
            }
        }
        return columns.toString();
    }

    static String copyStatement(String table, TableSpec spec) {
        StringJoiner columns = new StringJoiner(", ", "COPY " + table + " (", ") FROM STDIN WITH (FORMAT csv)");
        spec.columns().forEach(c -> columns.add(c.name().quoted()));
        return columns.toString();
    }

    private void moveIdentityPastMax(String table, Identifier pk) throws SQLException {
        String sql = "SELECT setval(pg_get_serial_sequence(?, ?), (SELECT coalesce(max(" + pk.quoted() + "), 0) FROM "
                + table + ") + 1, false)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, table);
            ps.setString(2, pk.name());
            ps.execute();
        }
    }

    private boolean exists(String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private long count(String table) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private static void cancelQuietly(CopyIn copy) {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                LOG.debug("Cancelling COPY failed (the rollback below undoes it anyway)", e);
            }
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("Rollback failed; the connection is closed and the server discards the transaction", e);
        }
    }
}
