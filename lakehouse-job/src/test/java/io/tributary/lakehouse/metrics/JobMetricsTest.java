package io.tributary.lakehouse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JobMetricsTest {

    @Test
    void rendersPrometheusTextWithFreshnessAgainstTheClock() {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(100_000), ZoneOffset.UTC);
        JobMetrics m = new JobMetrics(clock);
        m.batchCompleted(2.5, 100);
        m.batchCompleted(1.5, 50);
        m.merged("orders", 40);
        m.bronzeAppended("orders", 150);
        m.applied("orders", 90_000);
        m.applied("orders", 85_000);
        m.quarantined(3);

        String text = m.render();

        assertThat(text).contains("tributary_lakehouse_batches_total 2\n")
                .contains("tributary_lakehouse_input_rows_total 150\n")
                .contains("tributary_lakehouse_batch_duration_seconds_sum 4.0\n")
                .contains("tributary_lakehouse_last_batch_duration_seconds 1.5\n")
                .contains("tributary_lakehouse_rows_merged_total{table=\"orders\"} 40\n")
                .contains("tributary_lakehouse_quarantined_total 3\n")
                .contains("tributary_lakehouse_freshness_seconds{table=\"orders\"} 10.0\n")
                .contains("# TYPE tributary_lakehouse_freshness_seconds gauge");
    }

    @Test
    void goldBatchesAddUpTheirLateChangesAndReplaysAndKeepTheLatestWatermark() {
        JobMetrics m = new JobMetrics(Clock.systemUTC());
        assertThat(m.render()).contains("tributary_gold_watermark_seconds 0.0\n");

        m.goldBatch(2, 0, Instant.ofEpochSecond(1_000));
        m.goldBatch(1, 3, null);

        assertThat(m.render()).contains("tributary_gold_batches_total 2\n")
                .contains("tributary_gold_late_changes_total 3\n")
                .contains("tributary_gold_duplicates_total 3\n")
                .contains("tributary_gold_watermark_seconds 1000.0\n");
    }

    @Test
    void consumedOffsetsAndLiveFilesAreGaugesPerPartitionAndPerTable() {
        JobMetrics m = new JobMetrics(Clock.systemUTC());
        m.consumed(java.util.Map.of("shop.public.orders#0", 120L, "shop.public.orders#1", 7L));
        m.consumed(java.util.Map.of("shop.public.orders#0", 300L));
        m.liveFiles("silver", "orders", 12);
        m.liveFiles("bronze", "orders", 4);
        m.liveFiles("silver", "orders", 3);

        assertThat(m.render())
                .contains("tributary_lakehouse_consumed_offset{topic=\"shop.public.orders\",partition=\"0\"} 300\n")
                .contains("tributary_lakehouse_consumed_offset{topic=\"shop.public.orders\",partition=\"1\"} 7\n")
                .contains("tributary_lakehouse_live_files{table=\"orders\",layer=\"silver\"} 3\n")
                .contains("tributary_lakehouse_live_files{table=\"orders\",layer=\"bronze\"} 4\n")
                .contains("# TYPE tributary_lakehouse_live_files gauge");
    }
}
