package io.tributary.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RatePacerTest {

    private static final long MS = 1_000_000L;

    @Test
    void waitsUntilTheChangesMatchTheRate() {
        RatePacer pacer = new RatePacer(500, 0, 1_000 * MS);
        assertThat(pacer.record(5, 1 * MS)).isEqualTo(9 * MS);    // 5 changes are due at 10 ms
        assertThat(pacer.record(5, 10 * MS)).isEqualTo(10 * MS);  // 10 at 20 ms
    }

    @Test
    void aBurstIsPaidBackByALongerWait() {
        RatePacer pacer = new RatePacer(500, 0, 1_000 * MS);
        assertThat(pacer.record(100, 5 * MS)).isEqualTo(195 * MS);
    }

    @Test
    void behindScheduleGoesOnWithoutWaiting() {
        RatePacer pacer = new RatePacer(500, 0, 1_000 * MS);
        assertThat(pacer.record(1, 50 * MS)).isZero();
    }

    @Test
    void aBacklogBeyondTheLimitIsForgivenInsteadOfRacing() {
        RatePacer pacer = new RatePacer(100, 0, 1_000 * MS);
        assertThat(pacer.record(1, 5_000 * MS)).isZero();        // 5 s behind: reset to 1 s behind
        // now at most 1 s (100 changes) of catching up before waiting again
        assertThat(pacer.record(99, 5_001 * MS)).isZero();
        assertThat(pacer.record(10, 5_002 * MS)).isPositive();
    }

    @Test
    void simulatedRunHoldsTheRate() {
        RatePacer pacer = new RatePacer(500, 0, 1_000 * MS);
        long now = 0;
        long changes = 0;
        int[] sizes = {1, 2, 4, 2, 60, 1, 3};
        for (int i = 0; now < 60_000 * MS; i++) {
            int n = sizes[i % sizes.length];
            now += 2 * MS; // each transaction takes 2 ms
            changes += n;
            now += pacer.record(n, now);
        }
        assertThat(changes / (now / 1e9)).isBetween(495.0, 505.0);
    }

    @Test
    void rateMustBePositive() {
        assertThatThrownBy(() -> new RatePacer(0, 0, 1)).hasMessageContaining("--rate must be > 0");
    }
}
