package io.tributary.contracts.wal;

import java.util.Locale;

/**
 * PostgreSQL WAL positions (LSNs): the text form people read, {@code 16/B374D848} (what PostgreSQL prints, two 32-bit
 * halves in upper-case hex), and the 64-bit number Debezium puts in {@code source.lsn} and the lake keeps in
 * {@code _lsn}. Every human-facing output (tail, status, reconcile, the lake's {@code pg_lsn(_lsn)}) uses
 * {@link #format}; data keeps the number. Pure.
 */
public final class Lsn {

    private Lsn() {
    }

    public static long parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a PostgreSQL LSN (expected e.g. 16/B374D848)");
        }
        try {
            long high = Long.parseLong(text.substring(0, slash), 16);
            long low = Long.parseLong(text.substring(slash + 1), 16);
            if (high > 0xFFFFFFFFL || low > 0xFFFFFFFFL || high < 0 || low < 0) {
                throw new IllegalArgumentException("'" + text + "' is not a PostgreSQL LSN: a part exceeds 32 bits");
            }
            return (high << 32) | low;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a PostgreSQL LSN (expected e.g. 16/B374D848)", e);
        }
    }

    /** {@code 28568008} -> {@code 0/1B3E9C8}, as PostgreSQL prints a {@code pg_lsn}. */
    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase(Locale.ROOT) + "/"
                + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase(Locale.ROOT);
    }
}
