package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchLagTest {

    @Test
    void worstChangeOfEachBatchIsTheLagTrend() {
        List<BatchLag.Batch> batches = List.of(new BatchLag.Batch(1_000, 500, 10),
                new BatchLag.Batch(3_000, 2_000, 10), new BatchLag.Batch(6_000, 4_000, 10));
        List<Trend.Point> worst = BatchLag.worstPerBatch(batches, 0);
        assertThat(worst).containsExactly(new Trend.Point(3.0, 2.5), new Trend.Point(6.0, 4.0));
    }
}
