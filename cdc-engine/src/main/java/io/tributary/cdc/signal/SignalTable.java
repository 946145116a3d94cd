package io.tributary.cdc.signal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import io.tributary.cdc.config.PostgresLogin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts backfills by inserting {@link BackfillRequest}s into Debezium's signal table
 * ({@value #NAME}, created by init-db/02-schemas.sql), as the CDC role that owns it.
 */
public final class SignalTable implements TableBackfill {
    /** Debezium's signal table (init-db/02-schemas.sql): backfill requests and incremental-snapshot watermarks. */
    public static final String NAME = "tributary_cdc.debezium_signal";
    private static final Logger LOG = LoggerFactory.getLogger(SignalTable.class);

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final List<String> capturedSchemas;

    public SignalTable(String jdbcUrl, String user, String password, List<String> capturedSchemas) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.capturedSchemas = List.copyOf(capturedSchemas);
    }

    @Override
    public BackfillRequest backfill(String table) {
        BackfillRequest request;
        try {
            request = BackfillRequest.of(table, capturedSchemas);
        } catch (IllegalArgumentException e) {
            throw new BackfillException(400, e.getMessage(), e);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresLogin.of(user, password, "tributary-cdc-backfill",
                30))) {
            checkBackfillable(c, request.table());
            try (PreparedStatement st = c.prepareStatement("INSERT INTO " + NAME
                    + " (id, type, data) VALUES (?, ?, ?)")) {
                st.setString(1, request.id());
                st.setString(2, BackfillRequest.TYPE);
                st.setString(3, request.data());
                st.executeUpdate();
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                throw new BackfillException(409, "The signal table " + NAME + " does not "
                        + "exist: the database was initialised before it was added. Create it as a superuser with the "
                        + "statements of init-db/02-schemas.sql (CREATE TABLE " + NAME
                        + " ...; ALTER TABLE ... OWNER TO " + user + ") and ALTER PUBLICATION ... ADD TABLE "
                        + NAME + ", then restart cdc-engine.", e);
            }
            throw new BackfillException(503, "Cannot write the backfill signal of " + request.table() + " to "
                    + NAME + ": " + e.getMessage() + " (SQL state " + e.getSQLState() + ")", e);
        }
        LOG.info("Backfill of {} requested (signal {}): Debezium's incremental snapshot reads it in chunks while "
                + "streaming goes on", request.table(), request.id());
        return request;
    }

    /** The table exists and has a primary key (the incremental snapshot reads it in key order). */
    private static void checkBackfillable(Connection c, String table) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL, EXISTS (SELECT 1 FROM "
                + "pg_index WHERE indrelid = to_regclass(?) AND indisprimary)")) {
            st.setString(1, table);
            st.setString(2, table);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new BackfillException(404, "Table " + table + " does not exist", null);
                }
                if (!rs.getBoolean(2)) {
                    throw new BackfillException(409, "Table " + table + " has no primary key: an incremental "
                            + "snapshot reads a table in primary-key order. Add one (ALTER TABLE " + table
                            + " ADD PRIMARY KEY (...)), then request the backfill again.", null);
                }
            }
        }
    }
}
