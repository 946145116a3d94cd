package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.contracts.prometheus.PrometheusText;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** "caught up" instead of a freshness that grows by the second on an idle lake. */
class LakeFreshnessTest {
    private static final double NOW = 1_700_000_100.0;
    /** cdc-engine's last captured change was committed at NOW - 90 s */
    private static final PrometheusText CDC = PrometheusText.parse("""
            tributary_cdc_events_total{table="shop.orders",op="u"} 12
            tributary_cdc_last_lsn 28568008
            tributary_cdc_last_source_timestamp_seconds 1700000010.0
            """);

    /** The lake's figures with the given freshness samples. */
    private static PrometheusText lake(String... freshness) {
        return PrometheusText.parse("""
                tributary_lakehouse_batches_total 4
                tributary_lakehouse_bronze_rows_total{table="orders"} 12
                tributary_lakehouse_rows_merged_total{table="orders"} 9
                """ + String.join("\n", freshness) + "\n");
    }

    @Test
    void anIdleLakeThatAppliedTheNewestCapturedChangeIsCaughtUp() {
        PrometheusText idle = lake("tributary_lakehouse_freshness_seconds{table=\"orders\"} 90.0",
                "tributary_lakehouse_freshness_seconds{table=\"customers\"} 3000.0");
        assertThat(LakeFreshness.caughtUp(idle, CDC, NOW)).isTrue();
        assertThat(PipelineStatus.detail(Pipeline.LAKEHOUSE_JOB, idle, CDC, NOW))
                .isEqualTo("4 batches, 12 bronze rows, 9 merged, freshness caught up");
        PipelineFigures figures = PipelineFigures.of(PrometheusText.EMPTY, CDC, idle, PipelineFigures.NONE, NOW);
        assertThat(figures.line(60, PipelineFigures.NONE, 5)).endsWith("| freshness caught up");
    }

    @Test
    void aLakeBehindTheNewestCapturedChangeKeepsItsNumber() {
        PrometheusText behind = lake("tributary_lakehouse_freshness_seconds{table=\"orders\"} 95.0");
        assertThat(LakeFreshness.caughtUp(behind, CDC, NOW)).isFalse();
        assertThat(PipelineStatus.detail(Pipeline.LAKEHOUSE_JOB, behind, CDC, NOW))
                .isEqualTo("4 batches, 12 bronze rows, 9 merged, freshness 95.0 s");
    }

    @Test
    void aLakeThatAppliedChangesInTheLastMinuteShowsTheMeasuredP99() {
        PrometheusText busy = lake("tributary_lakehouse_freshness_seconds{table=\"orders\"} 90.0",
                "tributary_lakehouse_change_freshness_recent_seconds{quantile=\"0.99\"} 2.5");
        assertThat(LakeFreshness.caughtUp(busy, CDC, NOW)).isFalse();
        assertThat(PipelineFigures.of(PrometheusText.EMPTY, CDC, busy, PipelineFigures.NONE, NOW).freshnessSeconds())
                .isEqualTo(OptionalDouble.of(2.5));
    }

    @Test
    void withoutCdcEnginesFiguresNothingIsClaimed() {
        PrometheusText idle = lake("tributary_lakehouse_freshness_seconds{table=\"orders\"} 90.0");
        assertThat(LakeFreshness.caughtUp(idle, PrometheusText.EMPTY, NOW)).isFalse();
        assertThat(LakeFreshness.caughtUp(idle, PrometheusText.parse("tributary_cdc_last_source_timestamp_seconds -1\n"), NOW))
                .isFalse();
    }

    @Test
    void statusNamesTheLsnCdcEngineAcknowledgedAsPostgresPrintsIt() {
        assertThat(PipelineStatus.detail(Pipeline.CDC_ENGINE, CDC, CDC, NOW)).endsWith(", acknowledged up to LSN 0/1B3E9C8");
    }

    @Test
    void theLegendSaysWhyMergedStaysBelowBronze() {
        assertThat(PipelineFigures.LEGEND).contains("folds the changes of one key").contains("caught up");
        assertThat(List.of(PipelineFigures.LEGEND.split("\n"))).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
    }
}
