package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FreshnessModelTest {

    @Test
    void changesOfABatchAreSpreadOverTheCommitsSinceThePreviousBatch() {
        // commits 1000..2000 ms become visible at 2500 ms: freshness 0.5 s (newest) .. 1.5 s (oldest), mean 1.0 s
        List<FreshnessModel.Batch> batches = List.of(new FreshnessModel.Batch(1_200, 1_000, 50),
                new FreshnessModel.Batch(2_500, 2_000, 100));
        List<Percentiles.Weighted> samples = FreshnessModel.samples(batches);
        assertThat(samples).hasSize(FreshnessModel.POINTS_PER_BATCH);
        assertThat(samples.stream().mapToDouble(Percentiles.Weighted::weight).sum()).isCloseTo(100, within(1e-9));
        assertThat(samples.stream().mapToDouble(Percentiles.Weighted::value).min().orElseThrow())
                .isBetween(0.5, 0.6);
        assertThat(samples.stream().mapToDouble(Percentiles.Weighted::value).max().orElseThrow())
                .isBetween(1.4, 1.5);
        Percentiles p = new Percentiles(samples);
        assertThat(p.at(50)).isCloseTo(1.0, within(0.05));
        assertThat(p.at(99)).isCloseTo(1.475, within(0.001));
    }

    @Test
    void emptyBatchesAndTheFirstBatchContributeNothing() {
        List<FreshnessModel.Batch> batches = List.of(new FreshnessModel.Batch(1_000, 900, 10),
                new FreshnessModel.Batch(2_000, 900, 0));
        assertThat(FreshnessModel.samples(batches)).isEmpty();
    }

    @Test
    void worstChangeOfEachBatchIsTheLagTrend() {
        List<FreshnessModel.Batch> batches = List.of(new FreshnessModel.Batch(1_000, 500, 10),
                new FreshnessModel.Batch(3_000, 2_000, 10), new FreshnessModel.Batch(6_000, 4_000, 10));
        List<Trend.Point> worst = FreshnessModel.worstPerBatch(batches, 0);
        assertThat(worst).containsExactly(new Trend.Point(3.0, 2.5), new Trend.Point(6.0, 4.0));
    }
}
