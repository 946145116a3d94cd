package io.tributary.cdc.slot;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether the replication slot can still deliver every change after the engine's stored position. Two ways it
 * cannot: it was dropped, or PostgreSQL invalidated it ({@code max_slot_wal_keep_size}). In each case the changes in
 * between are no longer in any slot: streaming on would skip them silently, so the engine stops and names the
 * recovery. A slot ahead of the stored position is a warning ({@link #aheadWarning}).
 */
public final class SlotVerdict {
    /** The command that re-snapshots every captured table (docs/cdc-engine.md, "Slot lost: cdc reset"). */
    public static final String RESET_COMMAND = "./tributary cdc reset";

    private SlotVerdict() {
    }

    /**
     * The problem, or empty when the slot is fine (or nothing is stored yet: a first start creates the slot and
     * snapshots).
     */
    public static Optional<String> judge(String slot, Optional<SlotRow> row, OptionalLong stored, Path offsetsFile) {
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        String position = "cdc-engine's stored position is LSN " + Lsn.format(stored.getAsLong()) + " (" + offsetsFile + ")";
        String fix = " The changes after it are in no slot any more; streaming on would skip them silently. Run "
                + RESET_COMMAND + ": it stops cdc-engine, writes a delete for every key in the change topics, drops "
                + "the slot, moves the offsets file aside and starts cdc-engine again, which creates the slot and "
                + "re-snapshots every captured table (the lake's merge by LSN makes the re-read rows safe).";
        if (row.isEmpty()) {
            return Optional.of("Replication slot " + slot + " does not exist, but " + position
                    + ": the slot was dropped (pg_drop_replication_slot) or the database was replaced." + fix);
        }
        if ("lost".equals(row.get().walStatus())) {
            return Optional.of("Replication slot " + slot + " was invalidated by PostgreSQL (wal_status lost: it "
                    + "held more WAL than max_slot_wal_keep_size allows) and " + position + "." + fix);
        }
        return Optional.empty();
    }

    /**
     * A slot that confirms more than the offsets file holds: not a stop. The changes in between were acknowledged by
     * Kafka before the offsets write failed (a full disk does this: CdcResilienceIT), so streaming on from the slot
     * loses nothing; only a slot dropped and created again while cdc-engine was stopped looks the same, and then the
     * changes in between are lost. The warning says both.
     */
    public static Optional<String> aheadWarning(String slot, Optional<SlotRow> row, OptionalLong stored) {
        if (stored.isEmpty() || row.isEmpty() || row.get().confirmedFlushLsn() <= stored.getAsLong()) {
            return Optional.empty();
        }
        return Optional.of("Replication slot " + slot + " confirms LSN " + Lsn.format(row.get().confirmedFlushLsn())
                + ", ahead of the stored position LSN " + Lsn.format(stored.getAsLong()) + ": the changes in between"
                + " reached Kafka before the offsets file could be written (e.g. a full disk), and streaming goes on from"
                + " the slot. If the slot was dropped and created again while cdc-engine was stopped, those changes are"
                + " in no slot: run " + RESET_COMMAND + ".");
    }

    /** An LSN as PostgreSQL prints it ({@code 0/16B3748}). */
    static final class Lsn {
        private Lsn() {
        }

        static String format(long lsn) {
            return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
        }
    }
}
