package io.tributary.scheduler.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScheduledJobTest {

    @Test
    void aDailyJobGetsItsDayAndMaintainNone() {
        assertThat(ScheduledJob.DAILY_SALES.arguments(LocalDate.of(2026, 12, 6))).containsExactly("daily-sales", "--date", "2026-12-06");
        assertThat(ScheduledJob.VALIDATE.arguments(LocalDate.of(2026, 1, 31))).containsExactly("validate", "--date", "2026-01-31");
        assertThat(ScheduledJob.MAINTAIN.arguments(null)).containsExactly("maintain");
        assertThatThrownBy(() -> ScheduledJob.DAILY_SALES.arguments(null)).hasMessageContaining("--date YYYY-MM-DD");
    }

    @Test
    void aScheduledRunWorksOnTheDayThatJustEndedInTheZone() {
        Instant halfPastMidnightUtc = Instant.parse("2026-12-07T00:30:00Z");
        assertThat(ScheduledJob.dayJustEnded(halfPastMidnightUtc, ZoneOffset.UTC)).isEqualTo(LocalDate.of(2026, 12, 6));
        // 23:30 UTC on the 7th is 00:30 on the 8th in Berlin: the day that ended there is the 7th
        Instant berlinHalfPastMidnight = Instant.parse("2026-12-07T23:30:00Z");
        assertThat(ScheduledJob.dayJustEnded(berlinHalfPastMidnight, ZoneId.of("Europe/Berlin"))).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(ScheduledJob.dayJustEnded(berlinHalfPastMidnight, ZoneOffset.UTC)).isEqualTo(LocalDate.of(2026, 12, 6));
        // across a year
        assertThat(ScheduledJob.dayJustEnded(Instant.parse("2027-01-01T01:00:00Z"), ZoneOffset.UTC)).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void jobsAreFoundByTheirNameAndAnUnknownOneListsThem() {
        assertThat(ScheduledJob.named("daily-sales")).isEqualTo(ScheduledJob.DAILY_SALES);
        assertThat(ScheduledJob.named("maintain").dated()).isFalse();
        assertThatThrownBy(() -> ScheduledJob.named("daily_sales"))
                .hasMessage("unknown job 'daily_sales': the jobs are daily-sales, validate, maintain");
    }
}
