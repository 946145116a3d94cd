package io.tributary.cdc.slot;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/** Reads the replication slot's row of {@code pg_replication_slots}. */
public final class SlotInspector {
    static final String QUERY = "SELECT wal_status, COALESCE(pg_wal_lsn_diff(confirmed_flush_lsn, '0/0'), -1)::bigint, "
            + "active FROM pg_replication_slots WHERE slot_name = ?";

    private final String jdbcUrl;
    private final Properties login;
    private final String slot;

    public SlotInspector(String jdbcUrl, Properties login, String slot) {
        this.jdbcUrl = jdbcUrl;
        this.login = login;
        this.slot = slot;
    }

    public String slot() {
        return slot;
    }

    public Optional<SlotRow> read() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, login)) {
            return read(c);
        }
    }

    Optional<SlotRow> read(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(QUERY)) {
            st.setString(1, slot);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new SlotRow(rs.getString(1), rs.getLong(2))) : Optional.empty();
            }
        }
    }
}
