package io.tributary.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunStatsTest {

    @Test
    void countsRowChangesPerKindAndTableAndRendersPrometheusText() {
        RunStats stats = new RunStats(List.of("customers", "products", "orders"));
        stats.committed(ChangeKind.ORDER, Map.of("products", Map.of(RunStats.Op.UPDATE, 2L),
                "orders", Map.of(RunStats.Op.INSERT, 2L)));
        stats.committed(ChangeKind.ERASE, Map.of("orders", Map.of(RunStats.Op.DELETE, 3L),
                "customers", Map.of(RunStats.Op.DELETE, 1L)));
        stats.transactionCommitted();
        stats.transactionCommitted();
        stats.retried();
        assertThat(stats.changes()).isEqualTo(8);
        assertThat(stats.transactions()).isEqualTo(2);
        assertThat(stats.changes(ChangeKind.ORDER)).isEqualTo(4);
        assertThat(stats.changes("orders", RunStats.Op.DELETE)).isEqualTo(3);

        String text = stats.prometheus(500);
        assertThat(text).contains("# TYPE tributary_simulator_changes_total counter\n",
                "tributary_simulator_changes_total{kind=\"order\"} 4\n",
                "tributary_simulator_changes_total{kind=\"erase\"} 4\n",
                "tributary_simulator_row_changes_total{table=\"orders\",op=\"delete\"} 3\n",
                "tributary_simulator_transactions_total 2\n",
                "tributary_simulator_retries_total 1\n",
                "tributary_simulator_target_rate 500.0\n");
        // every sample line is "name{labels} value" or "name value"
        text.lines().filter(l -> !l.startsWith("#"))
                .forEach(l -> assertThat(l).matches("[a-z_]+(\\{[a-z_]+=\"[a-z_]+\"(,[a-z_]+=\"[a-z_]+\")*})? [0-9.E]+"));

        Map<String, Object> summary = stats.summary(500, 2.0, 42);
        assertThat(summary).containsEntry("changes", 8L).containsEntry("achievedRate", 4.0).containsEntry("seed", 42L)
                .containsEntry("byOperation", Map.of("insert", 2L, "update", 2L, "delete", 4L));
    }

    @Test
    void bulkCountsOneEventPerRowAndAnUnpacedRunReportsItsTargetAsMax() {
        RunStats stats = new RunStats(List.of("customers", "products", "orders"));
        stats.committed(ChangeKind.ADVANCE, 310, Map.of("orders", Map.of(RunStats.Op.UPDATE, 310L)));
        assertThat(stats.events(ChangeKind.ADVANCE)).isEqualTo(310);
        assertThat(stats.changes(RunStats.Op.UPDATE)).isEqualTo(310);
        assertThat(stats.prometheus(Double.POSITIVE_INFINITY)).contains("tributary_simulator_target_rate +Inf\n");
        assertThat(stats.summary(Double.POSITIVE_INFINITY, 1.0, 1)).containsEntry("targetRate", "max")
                .containsEntry("achievedRate", 310.0);
    }
}
