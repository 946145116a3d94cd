package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateMeterTest {

    @Test
    void countsFromTheFirstPollWithWorkToTheFirstPollAtTarget() {
        RateMeter m = new RateMeter();
        m.record(0, 0);       // start-up: excluded
        m.record(5_000, 0);
        m.record(6_000, 1_000);
        m.record(8_000, 5_000);
        m.record(10_000, 11_000);
        m.record(11_000, 11_000);
        // 10,000 items after the first poll with work, in 4 s
        assertThat(m.rate(10_000)).isEqualTo(2_500.0);
        assertThat(m.activeSeconds(10_000)).isEqualTo(4.0);
        assertThat(m.reached(11_000)).isTrue();
        assertThat(m.reached(11_001)).isFalse();
    }

    @Test
    void undefinedUntilTheTargetIsReached() {
        RateMeter m = new RateMeter();
        m.record(0, 10);
        m.record(1_000, 20);
        assertThat(m.rate(100)).isNaN();
        assertThat(m.activeSeconds(100)).isNaN();
    }
}
