package io.tributary.lakehouse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeFreshnessTest {

    private final MutableClock clock = new MutableClock(1_000_000);
    private final ChangeFreshness freshness = new ChangeFreshness(clock, Duration.ofSeconds(60));

    @Test
    void eachChangeCountsWithItsOwnSourceCommitTime() {
        // one commit visible at t: 90 changes committed 1 s before, 9 at 4 s, 1 at 30 s
        freshness.committed(Map.of(999_000L, 90L, 996_000L, 9L, 970_000L, 1L), 1_000_000);

        assertThat(freshness.recentQuantile(0.5)).hasValue(1.0);
        assertThat(freshness.recentQuantile(0.9)).hasValue(1.0);
        assertThat(freshness.recentQuantile(0.95)).hasValue(4.0);
        assertThat(freshness.recentQuantile(0.999)).hasValue(30.0);
        StringBuilder sb = new StringBuilder();
        freshness.render(sb, "f_seconds");
        assertThat(sb.toString())
                .contains("f_seconds_bucket{le=\"0.75\"} 0\n")
                .contains("f_seconds_bucket{le=\"1.0\"} 90\n")
                .contains("f_seconds_bucket{le=\"4.0\"} 99\n")
                .contains("f_seconds_bucket{le=\"25.0\"} 99\n")
                .contains("f_seconds_bucket{le=\"30.0\"} 100\n")
                .contains("f_seconds_bucket{le=\"+Inf\"} 100\n")
                .contains("f_seconds_count 100\n")
                .contains("f_seconds_sum 156.0\n")
                .contains("f_recent_seconds{quantile=\"0.5\"} 1.0\n")
                .contains("f_recent_seconds{quantile=\"0.99\"} 4.0\n");
    }

    @Test
    void theRecentQuantilesForgetCommitsOlderThanTheWindowButTheHistogramKeepsThem() {
        freshness.committed(Map.of(990_000L, 10L), 1_000_000); // 10 s
        clock.now += 61_000;
        freshness.committed(Map.of(clock.now - 2_000, 1L), clock.now); // 2 s

        assertThat(freshness.recentQuantile(0.99)).hasValue(2.0);
        StringBuilder sb = new StringBuilder();
        freshness.render(sb, "f_seconds");
        assertThat(sb.toString()).contains("f_seconds_count 11\n");
        clock.now += 61_000;
        assertThat(freshness.recentQuantile(0.5)).isEmpty();
    }

    @Test
    void aSourceClockAheadOfTheJobsCountsAsZeroNotNegative() {
        freshness.committed(Map.of(1_000_500L, 3L), 1_000_000);

        assertThat(freshness.recentQuantile(1.0)).hasValue(0.0);
    }

    static final class MutableClock extends Clock {
        long now;

        MutableClock(long now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return now;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }
}
