package io.tributary.cdc.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.tributary.cdc.monitor.OutageTracker.Verdict;
import org.junit.jupiter.api.Test;

class OutageTrackerTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void anOutageSpendsTheBudgetOnlyWhenUninterrupted() {
        OutageTracker tracker = new OutageTracker(Duration.ofSeconds(10));
        assertThat(tracker.probed(true, 0)).isEqualTo(Verdict.REACHABLE);
        assertThat(tracker.probed(false, 1 * SECOND)).isEqualTo(Verdict.OUTAGE_STARTED);
        assertThat(tracker.probed(false, 10 * SECOND)).isEqualTo(Verdict.STILL_DOWN);
        assertThat(tracker.downFor(10 * SECOND)).isEqualTo(Duration.ofSeconds(9));
        // back before the budget: the next outage starts from zero
        assertThat(tracker.probed(true, 10_500_000_000L)).isEqualTo(Verdict.RECOVERED);
        assertThat(tracker.downFor(11 * SECOND)).isZero();
        assertThat(tracker.probed(false, 12 * SECOND)).isEqualTo(Verdict.OUTAGE_STARTED);
        assertThat(tracker.probed(false, 21 * SECOND)).isEqualTo(Verdict.STILL_DOWN);
        assertThat(tracker.probed(false, 22 * SECOND)).isEqualTo(Verdict.BUDGET_SPENT);
        assertThat(tracker.probed(false, 30 * SECOND)).isEqualTo(Verdict.BUDGET_SPENT);
    }

    @Test
    void theProbeIntervalIsATenthOfTheBudgetBetweenOneAndFiveSeconds() {
        assertThat(PostgresAvailabilityWatch.probeInterval(Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(1));
        assertThat(PostgresAvailabilityWatch.probeInterval(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(3));
        assertThat(PostgresAvailabilityWatch.probeInterval(Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(5));
    }
}
