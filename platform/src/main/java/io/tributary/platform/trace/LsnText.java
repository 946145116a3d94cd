package io.tributary.platform.trace;

/** An LSN as PostgreSQL prints it ({@code pg_lsn}): the high and low 32 bits in hex, e.g. {@code 0/1B3E8C8}. Pure. */
public final class LsnText {
    private LsnText() {
    }

    public static String of(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT);
    }
}
