package io.tributary.lakehouse.reconcile;

/** PostgreSQL WAL positions: the text form {@code 16/B374D848} and the 64-bit number Debezium puts in source.lsn. */
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

    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }
}
