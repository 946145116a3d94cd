package io.tributary.scheduler.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RunOutcomeTest {

    @Test
    void theExitCodeDecidesAndTheTextRoundTrips() {
        assertThat(RunOutcome.ofExitCode(0)).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(RunOutcome.ofExitCode(3)).isEqualTo(RunOutcome.FAILED);
        assertThat(RunOutcome.ofExitCode(-1)).isEqualTo(RunOutcome.FAILED);
        for (RunOutcome o : RunOutcome.values()) {
            assertThat(RunOutcome.ofText(o.text())).isEqualTo(o);
        }
        assertThat(RunOutcome.RUNNING.ended()).isFalse();
        assertThat(RunOutcome.TIMED_OUT.ended()).isTrue();
        assertThatThrownBy(() -> RunOutcome.ofText("done")).hasMessageContaining("'done'").hasMessageContaining("job_runs");
    }

    @Test
    void aRunRecordTellsItsDurationOnceEnded() {
        Instant start = Instant.parse("2026-12-07T00:30:01Z");
        JobRun running = new JobRun(7, "daily-sales", LocalDate.of(2026, 12, 6), "schedule", null, start.minusSeconds(1),
                start, null, null, RunOutcome.RUNNING, "node-1", null);
        assertThat(running.duration()).isEmpty();
        assertThat(running.describe()).isEqualTo("daily-sales 2026-12-06");
        JobRun ended = new JobRun(8, "maintain", null, "run", "r-1", start, start, start.plusSeconds(75), 0,
                RunOutcome.SUCCEEDED, "node-1", "done");
        assertThat(ended.duration()).contains(Duration.ofSeconds(75));
        assertThat(ended.describe()).isEqualTo("maintain");
    }
}
