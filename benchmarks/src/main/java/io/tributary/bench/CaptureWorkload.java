package io.tributary.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The WAL every capture contender reads: {@code shop.bench_items} (REPLICA IDENTITY FULL, a mix of the types the
 * shop uses), half inserts then half updates, 1,000 row changes per transaction. Slots are created before it is
 * written, so each contender decodes exactly the same changes from its own slot.
 */
final class CaptureWorkload {

    static final String TABLE = "bench_items";
    static final int CHANGES_PER_TX = 1_000;

    private CaptureWorkload() {
    }

    static void createTable(BenchContext ctx) throws SQLException {
        try (Connection c = ctx.appConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS shop." + TABLE);
            s.execute("CREATE TABLE shop." + TABLE + " (id bigint PRIMARY KEY, name text NOT NULL, amount numeric(12,2),"
                    + " qty integer, active boolean, note text, updated_at timestamptz NOT NULL DEFAULT now())");
            s.execute("ALTER TABLE shop." + TABLE + " REPLICA IDENTITY FULL");
        }
    }

    /** Writes {@code changes} row changes (rounded to whole transactions); returns how many. */
    static int write(BenchContext ctx, int changes) throws SQLException {
        int inserts = Math.max(CHANGES_PER_TX, changes / 2 / CHANGES_PER_TX * CHANGES_PER_TX);
        int updates = inserts;
        try (Connection c = ctx.appConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO shop." + TABLE
                    + " SELECT g, 'item ' || g, (g % 100000) / 7.0, g % 50, g % 2 = 0, repeat('note ', 8), now()"
                    + " FROM generate_series(?, ?) g");
                 PreparedStatement upd = c.prepareStatement("UPDATE shop." + TABLE
                         + " SET qty = qty + 1, amount = amount + 1, updated_at = now() WHERE id BETWEEN ? AND ?")) {
                for (long from = 1; from <= inserts; from += CHANGES_PER_TX) {
                    ins.setLong(1, from);
                    ins.setLong(2, from + CHANGES_PER_TX - 1);
                    ins.executeUpdate();
                }
                for (long from = 1; from <= updates; from += CHANGES_PER_TX) {
                    upd.setLong(1, from);
                    upd.setLong(2, from + CHANGES_PER_TX - 1);
                    upd.executeUpdate();
                }
            }
        }
        return inserts + updates;
    }
}
