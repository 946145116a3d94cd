package io.tributary.scheduler.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.scheduler.job.ScheduledJob;
import io.tributary.scheduler.store.RunOutcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SchedulerMetricsTest {

    @Test
    void countsRunsByJobAndOutcomeAndShowsWhatRuns() {
        SchedulerMetrics m = new SchedulerMetrics();
        m.started(ScheduledJob.DAILY_SALES);
        m.ended(ScheduledJob.DAILY_SALES, RunOutcome.SUCCEEDED, Instant.ofEpochSecond(1_700_000_000));
        m.started(ScheduledJob.DAILY_SALES);
        m.ended(ScheduledJob.DAILY_SALES, RunOutcome.FAILED, Instant.ofEpochSecond(1_700_000_100));
        m.started(ScheduledJob.VALIDATE);
        PrometheusText text = PrometheusText.parse(m.render());
        assertThat(text.sumBy(MetricNames.Scheduler.RUNS_TOTAL, "outcome")).containsEntry("succeeded", 1.0)
                .containsEntry("failed", 1.0).containsEntry("timed out", 0.0).containsEntry("interrupted", 0.0)
                .doesNotContainKey("running");
        assertThat(text.sumBy(MetricNames.Scheduler.RUNNING, "job")).containsEntry("validate", 1.0)
                .containsEntry("daily-sales", 0.0).containsEntry("maintain", 0.0);
        assertThat(text.sumBy(MetricNames.Scheduler.LAST_RUN_END_SECONDS, "job")).containsEntry("daily-sales", 1.7000001E9)
                .containsEntry("validate", 0.0);
    }
}
