package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.cdc.monitor.CdcMetrics;
import io.tributary.cdc.monitor.PrometheusFormat;
import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.lakehouse.metrics.JobMetrics;
import io.tributary.simulator.run.RunStats;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The metrics across the process boundary: each stage renders its real metrics registry, and the CLI's readers
 * (status line, parked tables, snapshot progress, captured changes) find the figures under the names they look up.
 */
class StageMetricsContractTest {

    private static final long NOW = 1_700_000_000_000L;

    static PrometheusText cdcEngine() {
        CdcMetrics m = new CdcMetrics();
        m.changeDelivered("shop.orders", "r", 10L, NOW - 2_000, NOW - 500);
        m.changeDelivered("shop.orders", "u", 11L, NOW - 1_000, NOW);
        m.changeDelivered("shop.customers", "c", 12L, NOW - 1_000, NOW);
        m.heartbeat(13L);
        m.retainedWalBytes(4096);
        m.tableParked("shop.stock", "value_not_encodable");
        return PrometheusText.parse(PrometheusFormat.render(m));
    }

    static PrometheusText lakehouseJob() {
        JobMetrics m = new JobMetrics(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        m.batchCompleted(1.5, 3);
        m.bronzeAppended("orders", 2);
        m.bronzeAppended("customers", 1);
        m.merged("orders", 2);
        m.applied("orders", NOW - 4_000);
        m.changesVisible(Map.of(NOW - 3_000, 2L));
        m.consumed(Map.of("tributary.shop.orders#0", 40L, "tributary.shop.customers#0", 7L));
        m.liveFiles("silver", "orders", 5);
        m.parked(new io.tributary.lakehouse.parking.ParkedTable("payments", "cannot cast \"amount\", numeric", 12,
                Instant.ofEpochMilli(NOW)));
        return PrometheusText.parse(m.render());
    }

    @Test
    void theDemosWaitForTheLakeReadsTheJobsConsumedOffsets() {
        assertThat(LakeWaitProgress.consumedOffsets(lakehouseJob()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("tributary.shop.orders#0", 40L, "tributary.shop.customers#0", 7L));
    }

    @Test
    void theStatusLineReadsWhatTheStagesServe() {
        PrometheusText simulator = PrometheusText.parse(new RunStats(List.of("orders")).prometheus(100));
        assertThat(simulator.named(MetricNames.Simulator.CHANGES_TOTAL)).isNotEmpty();
        assertThat(simulator.named(MetricNames.Simulator.TRANSACTIONS_TOTAL)).isNotEmpty();

        PipelineFigures figures = PipelineFigures.of(simulator, cdcEngine(), lakehouseJob(), PipelineFigures.NONE);
        assertThat(figures.captured()).isEqualTo(3);
        assertThat(figures.cdcLagSeconds()).hasValue(1.0);
        assertThat(figures.bronze()).isEqualTo(3);
        assertThat(figures.merged()).isEqualTo(2);
        assertThat(figures.freshnessSeconds()).as("the p99 of the last minute").hasValue(3.0);
        assertThat(figures.parked()).extracting(ParkedTable::stage, ParkedTable::table)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Pipeline.CDC_ENGINE, "shop.stock"),
                        org.assertj.core.groups.Tuple.tuple(Pipeline.LAKEHOUSE_JOB, "payments"));
        assertThat(figures.parked().get(1).reason()).isEqualTo("cannot cast \"amount\", numeric");
    }

    @Test
    void snapshotProgressCapturedChangesAndServiceSummariesReadTheStagesNames() {
        assertThat(Pipeline.SnapshotProgress.of(cdcEngine())).isEqualTo(new Pipeline.SnapshotProgress(true, 1.0));
        assertThat(PipelineFigures.capturedByTable(cdcEngine()))
                .containsExactly(Map.entry("customers", 1L), Map.entry("orders", 2L));
        assertThat(PipelineStatus.summary(Pipeline.CDC_ENGINE, cdcEngine()))
                .isEqualTo("3 changes captured, lag 1.0 s, retained WAL " + ByteSize.human(4096));
        assertThat(PipelineStatus.summary(Pipeline.LAKEHOUSE_JOB, lakehouseJob()))
                .isEqualTo("1 batches, 3 bronze rows, 2 merged, freshness 4.0 s");
        assertThat(PipelineStatus.summary(Pipeline.SIMULATOR,
                PrometheusText.parse(new RunStats(List.of("orders")).prometheus(Double.POSITIVE_INFINITY))))
                .isEqualTo("0 changes written, 0 transactions");
    }
}
