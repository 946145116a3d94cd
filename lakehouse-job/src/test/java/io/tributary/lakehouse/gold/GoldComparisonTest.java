package io.tributary.lakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Served rows plus late deltas against a recomputation: equal, different, and sessions' late points placed. */
class GoldComparisonTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration GAP = Duration.ofMinutes(5);

    private static List<BigDecimal> values(String... v) {
        return java.util.Arrays.stream(v).map(x -> new BigDecimal(x).setScale(6)).toList();
    }

    private static GoldRecomputation.Rows rows(GoldTable table, Map<List<Object>, List<BigDecimal>> rows) {
        return new GoldRecomputation.Rows(table, rows);
    }

    private static List<BigDecimal> session(Instant end, String changes, String revenue) {
        return List.of(GoldComparison.endMillis(end), new BigDecimal(changes).setScale(6),
                new BigDecimal(revenue).setScale(6));
    }

    @Test
    void aLateDeltaMakesTheServedWindowEqualAndAMissingOneIsADifference() {
        GoldTable t = GoldTable.REVENUE_BY_CATEGORY_1M;
        var served = rows(t, Map.of(List.of(T0, "Toys"), values("2", "6", "38")));
        var recomputed = rows(t, Map.of(List.of(T0, "Toys"), values("2", "7", "48"),
                List.of(T0.plusSeconds(60), "Books"), values("1", "1", "3")));
        List<LateDelta> late = List.of(new LateDelta(t, T0, "Toys", new Totals(0, 1, new BigDecimal("10"))),
                new LateDelta(GoldTable.TOP_PRODUCTS_5M, T0, "1", new Totals(0, 5, new BigDecimal("50"))));

        List<GoldComparison.Difference> differences = GoldComparison.compare(served, recomputed, late, GAP);

        assertThat(differences).singleElement().satisfies(d -> {
            assertThat(d.windowStart()).isEqualTo(T0.plusSeconds(60));
            assertThat(d.group()).isEqualTo("Books");
            assertThat(d.servedPlusLate()).isNull();
            assertThat(d.recomputed()).isEqualTo(values("1", "1", "3"));
        });
        assertThat(GoldCheckReport.sample(differences, 10)).containsExactly(
                "  2026-12-07T10:01:00Z Books: served+late (none), recomputed [1, 1, 3]");
        assertThat(GoldCheckReport.line(t, 1, differences)).contains("revenue_by_category_1m").endsWith("1 differ");
    }

    @Test
    void aLateSessionPointJoinsTheServedSessionHoldingItOrIsOneOfItsOwn() {
        GoldTable t = GoldTable.CUSTOMER_SESSIONS;
        var served = rows(t, Map.of(List.of(T0, "7"), session(T0.plusSeconds(540), "2", "30"),
                List.of(T0, "8"), session(T0.plusSeconds(300), "1", "5")));
        List<LateDelta> late = List.of(
                // order of customer 7 at 10:02 changed its quantity: into the session [10:00, 10:09)
                new LateDelta(t, T0.plusSeconds(120), "7", new Totals(0, 1, new BigDecimal("10"))),
                // customer 8's only order deleted: its session goes
                new LateDelta(t, T0, "8", new Totals(-1, -1, new BigDecimal("-5"))),
                // a late order of customer 9: a session of its own
                new LateDelta(t, T0.plusSeconds(30), "9", new Totals(1, 2, new BigDecimal("4"))));

        assertThat(GoldComparison.withLate(served, late, GAP)).containsOnly(
                Map.entry(List.of(T0, "7"), session(T0.plusSeconds(540), "2", "40")),
                Map.entry(List.of(T0.plusSeconds(30), "9"), session(T0.plusSeconds(330), "1", "4")));
        var recomputed = rows(t, Map.of(List.of(T0, "7"), session(T0.plusSeconds(540), "2", "40"),
                List.of(T0.plusSeconds(30), "9"), session(T0.plusSeconds(330), "1", "4")));
        assertThat(GoldComparison.compare(served, recomputed, late, GAP)).isEmpty();
    }

    @Test
    void endsKeepTheirMicroseconds() {
        assertThat(GoldComparison.endMillis(Instant.parse("2026-12-07T10:00:00.123456Z")))
                .isEqualByComparingTo("1796637600123.456");
    }
}
