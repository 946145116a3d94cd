package io.tributary.scheduler.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScheduleChangeTest {

    @Test
    void aScheduleStoredAsConfiguredIsKeptSoThatAMissedRunStillRuns() {
        assertThat(ScheduleChange.decide("0 30 0 * * ?", "UTC", "0 30 0 * * ?", "UTC")).isEqualTo(ScheduleChange.KEEP);
    }

    @Test
    void otherwiseTheStoreFollowsTheConfiguration() {
        assertThat(ScheduleChange.decide(null, null, "0 30 0 * * ?", "UTC")).isEqualTo(ScheduleChange.ADD);
        assertThat(ScheduleChange.decide("0 30 0 * * ?", "UTC", "0 45 0 * * ?", "UTC")).isEqualTo(ScheduleChange.REPLACE);
        assertThat(ScheduleChange.decide("0 30 0 * * ?", "UTC", "0 30 0 * * ?", "Europe/Berlin")).isEqualTo(ScheduleChange.REPLACE);
        assertThat(ScheduleChange.decide("0 30 0 * * ?", "UTC", null, "UTC")).isEqualTo(ScheduleChange.REMOVE);
        assertThat(ScheduleChange.decide(null, null, null, "UTC")).isEqualTo(ScheduleChange.NONE);
    }
}
