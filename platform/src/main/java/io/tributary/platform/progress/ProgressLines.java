package io.tributary.platform.progress;

import java.util.Locale;
import java.util.OptionalDouble;

/** The terminal's progress lines for long work: the initial snapshot and the wait for the lake. Pure. */
public final class ProgressLines {

    private ProgressLines() {
    }

    /** e.g. {@code initial snapshot: 41,000 of 100,000 rows (41%), 12,300 rows/s, about 5 s left}. */
    public static String snapshot(double rows, double total, ProgressRate rate) {
        if (rows == 0) {
            return total > 0 ? String.format(Locale.ROOT, "initial snapshot: no row exported yet (%,.0f to export)", total)
                    : "initial snapshot: no row exported yet";
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "initial snapshot: %,.0f", rows));
        if (total > 0) {
            line.append(String.format(Locale.ROOT, " of %,.0f rows (%.0f%%)", total, Math.min(100, 100 * rows / total)));
        } else {
            line.append(" rows");
        }
        appendRate(line, rate, "rows", total > 0 ? OptionalDouble.of(Math.max(0, total - rows)) : OptionalDouble.empty());
        return line.toString();
    }

    /** e.g. {@code waiting for the lake: 12,345 records left in 2 of 6 partitions, 2,100 records/s, about 6 s left}. */
    public static String lake(LakeBacklog backlog, ProgressRate rate) {
        if (backlog.recordsLeft() == 0) {
            return String.format(Locale.ROOT, "waiting for the lake: every record of the %d partitions read; reconciling ...",
                    backlog.partitions());
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "waiting for the lake: %,d records left in %d of %d partitions", backlog.recordsLeft(),
                backlog.partitionsBehind(), backlog.partitions()));
        appendRate(line, rate, "records", OptionalDouble.of(backlog.recordsLeft()));
        return line.toString();
    }

    private static void appendRate(StringBuilder line, ProgressRate rate, String unit, OptionalDouble remaining) {
        OptionalDouble perSecond = rate.perSecond();
        if (perSecond.isEmpty()) {
            return;
        }
        line.append(String.format(Locale.ROOT, ", %,.0f %s/s", perSecond.getAsDouble(), unit));
        OptionalDouble left = remaining.isPresent() ? rate.secondsLeft(remaining.getAsDouble()) : OptionalDouble.empty();
        if (left.isPresent()) {
            line.append(String.format(Locale.ROOT, ", about %.0f s left", Math.ceil(left.getAsDouble())));
        }
    }
}
