package io.tributary.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.scheduler.job.ScheduledJob;
import io.tributary.scheduler.store.JobRun;
import io.tributary.scheduler.store.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleListingTest {

    @Test
    void showsEachScheduleThenTheRunsNewestFirst() {
        Instant start = Instant.parse("2026-12-07T00:30:01Z");
        List<String> lines = ScheduleListing.lines(List.of(
                new ScheduleListing.JobRow(ScheduledJob.DAILY_SALES, "0 30 0 * * ?", "UTC", Instant.parse("2026-12-08T00:30:00Z"),
                        Instant.parse("2026-12-07T00:30:00Z")),
                new ScheduleListing.JobRow(ScheduledJob.MAINTAIN, null, null, null, null)),
                List.of(new JobRun(12, "daily-sales", LocalDate.of(2026, 12, 6), "schedule", null, start, start,
                        start.plusSeconds(72), 0, RunOutcome.SUCCEEDED, "node-1", "ok"),
                        new JobRun(11, "maintain", null, "run", "r", start, start.minusSeconds(600), null, null,
                                RunOutcome.RUNNING, "node-1", null)), ZoneOffset.UTC);
        assertThat(lines.get(1)).startsWith("daily-sales  0 30 0 * * ?         UTC        2026-12-08 00:30:00   2026-12-07 00:30:00");
        assertThat(lines.get(2)).startsWith("maintain     (on request)         -          -");
        assertThat(lines.get(4)).isEqualTo("Latest runs (times in Z):");
        assertThat(lines.get(6)).contains("12 daily-sales  2026-12-06 schedule").contains("2026-12-07 00:30:01")
                .contains("1m12s succeeded").endsWith(" 0");
        assertThat(lines.get(7)).contains("11 maintain     -          run").contains("running").endsWith("-");
    }

    @Test
    void saysSoWhenNothingRanYet() {
        assertThat(ScheduleListing.lines(List.of(), List.of(), ZoneOffset.UTC)).endsWith("No run recorded yet (scheduler.job_runs is empty).");
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(ScheduleListing.took(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(ScheduleListing.took(Duration.ofSeconds(12))).isEqualTo("12s");
        assertThat(ScheduleListing.took(Duration.ofSeconds(185))).isEqualTo("3m05s");
        assertThat(ScheduleListing.took(Duration.ofMinutes(127))).isEqualTo("2h07m");
    }
}
