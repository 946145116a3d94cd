package io.tributary.bench;

/** Parsing of {@code /proc/<pid>/stat}, {@code status} and {@code smaps_rollup} (Linux). */
public final class ProcStat {

    /** CPU ticks of one process: its own user + system, and those of children it has waited for. */
    public record CpuTicks(long user, long system, long childrenUser, long childrenSystem) {
        public long own() {
            return user + system;
        }

        public long withReapedChildren() {
            return user + system + childrenUser + childrenSystem;
        }
    }

    private ProcStat() {
    }

    /** Fields 14-17 of stat; the command name (field 2) may hold spaces and parentheses, so parse after the last ')'. */
    public static CpuTicks cpu(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        String[] f = stat.substring(close + 2).trim().split(" +");
        // f[0] is field 3 (state): field n is f[n - 3]
        return new CpuTicks(Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]));
    }

    /** A "Key:   123 kB" line of status or smaps_rollup, in bytes; -1 when absent. */
    public static long kilobytesField(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key + ":")) {
                String[] parts = line.substring(key.length() + 1).trim().split(" +");
                return Long.parseLong(parts[0]) * 1024L;
            }
        }
        return -1;
    }
}
