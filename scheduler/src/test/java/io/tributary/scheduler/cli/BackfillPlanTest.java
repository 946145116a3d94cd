package io.tributary.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.scheduler.job.ScheduledJob;
import io.tributary.scheduler.store.JobRun;
import io.tributary.scheduler.store.RunOutcome;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BackfillPlanTest {
    private static final LocalDate DEC_1 = LocalDate.of(2026, 12, 1);

    @Test
    void oneRunPerDayOldestFirstBothEndsIncluded() {
        assertThat(BackfillPlan.of(ScheduledJob.DAILY_SALES, DEC_1, LocalDate.of(2026, 12, 4)).days())
                .containsExactly(DEC_1, LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 3), LocalDate.of(2026, 12, 4));
        assertThat(BackfillPlan.of(ScheduledJob.VALIDATE, DEC_1, DEC_1).days()).containsExactly(DEC_1);
        // across a month and a leap day
        assertThat(BackfillPlan.of(ScheduledJob.VALIDATE, LocalDate.of(2028, 2, 28), LocalDate.of(2028, 3, 1)).days())
                .containsExactly(LocalDate.of(2028, 2, 28), LocalDate.of(2028, 2, 29), LocalDate.of(2028, 3, 1));
    }

    @Test
    void aWrongRangeOrAJobWithoutDaysIsRefusedWithTheFix() {
        assertThatThrownBy(() -> BackfillPlan.of(ScheduledJob.DAILY_SALES, DEC_1, DEC_1.minusDays(1)))
                .hasMessage("--from 2026-12-01 is after --to 2026-11-30: give the first day first");
        assertThatThrownBy(() -> BackfillPlan.of(ScheduledJob.MAINTAIN, DEC_1, DEC_1))
                .hasMessageContaining("tributary schedule run maintain");
        assertThatThrownBy(() -> BackfillPlan.of(ScheduledJob.DAILY_SALES, DEC_1, DEC_1.plusDays(366)))
                .hasMessageContaining("367 days").hasMessageContaining("at most 366");
    }

    @Test
    void aFailedDaySaysWhatIsDoneWhatIsNotAndHowToGoOn() {
        BackfillPlan plan = BackfillPlan.of(ScheduledJob.VALIDATE, DEC_1, LocalDate.of(2026, 12, 5));
        JobRun failed = new JobRun(42, "validate", LocalDate.of(2026, 12, 3), "backfill", "r", Instant.EPOCH,
                Instant.EPOCH, Instant.EPOCH.plusSeconds(3), 2, RunOutcome.FAILED, "node-1",
                "check orders.customer_id not null failed: 1 row");
        assertThat(plan.stoppedAt(failed)).containsExactly(
                "backfill of validate stopped at 2026-12-03: the run failed with exit code 2 (run 42).",
                "  done: 2026-12-01 .. 2026-12-02 (2 days); not run: 2026-12-04 .. 2026-12-05 (2 days)",
                "  its last lines:",
                "    check orders.customer_id not null failed: 1 row",
                "  When the cause is fixed, go on with: tributary schedule backfill validate --from 2026-12-03 --to 2026-12-05");
        JobRun first = new JobRun(43, "validate", DEC_1, "backfill", "r", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH,
                null, RunOutcome.TIMED_OUT, "node-1", null);
        assertThat(plan.stoppedAt(first)).startsWith("backfill of validate stopped at 2026-12-01: the run timed out (run 43).",
                "  done: none; not run: 2026-12-02 .. 2026-12-05 (4 days)");
    }
}
