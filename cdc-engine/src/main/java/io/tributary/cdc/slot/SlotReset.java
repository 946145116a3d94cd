package io.tributary.cdc.slot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What {@code cdc-engine reset} does while the engine is stopped: drops the replication slot (when it exists) and moves
 * the offsets file aside, so that the next start creates the slot with an exported snapshot and re-reads every
 * captured table from that consistent point, then streams from exactly there. Refused while a process streams from the
 * slot. The slot goes first: if moving the file failed, the next start stops again on the missing slot and a second
 * reset finishes the job.
 */
public final class SlotReset {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String jdbcUrl;
    private final Properties login;
    private final String slot;
    private final Path offsetsFile;

    public SlotReset(String jdbcUrl, Properties login, String slot, Path offsetsFile) {
        this.jdbcUrl = jdbcUrl;
        this.login = login;
        this.slot = slot;
        this.offsetsFile = offsetsFile;
    }

    /**
     * Refuses while a process streams from the slot; else returns the current WAL position: every change the engine
     * could still have lost lies before it, the slot the next start creates lies after it.
     */
    public long checkStopped() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, login);
             PreparedStatement st = c.prepareStatement("SELECT active_pid, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint "
                     + "FROM (SELECT 1) one LEFT JOIN pg_replication_slots ON slot_name = ? AND active")) {
            st.setString(1, slot);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getObject(1) != null) {
                    throw new IllegalStateException("Replication slot " + slot + " is in use by backend pid "
                            + rs.getInt(1) + ": cdc-engine still streams from it. Stop cdc-engine first ("
                            + SlotVerdict.RESET_COMMAND + " does), then reset again.");
                }
                return rs.getLong(2);
            }
        }
    }

    /** Drops the slot (when it exists) and moves the offsets file aside; returns one line per step done. */
    public List<String> discard(Instant now) throws SQLException, IOException {
        List<String> done = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, login);
             PreparedStatement drop = c.prepareStatement("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
                     + "WHERE slot_name = ?")) {
            drop.setString(1, slot);
            try (ResultSet rs = drop.executeQuery()) {
                done.add(rs.next() ? "dropped replication slot " + slot
                        : "replication slot " + slot + " does not exist (nothing to drop)");
            }
        }
        done.add(moveAside(offsetsFile, now));
        return done;
    }

    static String moveAside(Path offsetsFile, Instant now) throws IOException {
        if (!Files.exists(offsetsFile)) {
            return "no offsets file " + offsetsFile + " (nothing to move)";
        }
        Path target = offsetsFile.resolveSibling(offsetsFile.getFileName() + ".before-reset-" + STAMP.format(now));
        Files.move(offsetsFile, target, StandardCopyOption.ATOMIC_MOVE);
        return "moved the offsets file " + offsetsFile + " to " + target
                + " (the next start snapshots every captured table)";
    }
}
