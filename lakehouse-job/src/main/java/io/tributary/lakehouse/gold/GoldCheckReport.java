package io.tributary.lakehouse.gold;

import java.math.BigDecimal;
import java.util.List;

/** The lines of {@code gold-check}: one per table, then a sample of its differing windows. */
final class GoldCheckReport {

    private GoldCheckReport() {
    }

    static String line(GoldTable table, int served, List<GoldComparison.Difference> differences) {
        return String.format("%-24s %7d closed windows served  %s", table.tableName(), served,
                differences.isEmpty() ? "equal" : differences.size() + " differ");
    }

    static List<String> sample(List<GoldComparison.Difference> differences, int max) {
        return differences.stream().limit(max)
                .map(d -> "  " + d.windowStart() + " " + d.group() + ": served+late " + measures(d.servedPlusLate())
                        + ", recomputed " + measures(d.recomputed()))
                .toList();
    }

    private static String measures(List<BigDecimal> values) {
        return values == null ? "(none)" : values.stream().map(v -> v.stripTrailingZeros().toPlainString()).toList()
                .toString();
    }
}
