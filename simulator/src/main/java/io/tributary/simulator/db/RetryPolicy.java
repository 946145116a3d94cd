package io.tributary.simulator.db;

import java.time.Duration;

/** Bounded exponential backoff: attempt 1 waits {@code initial}, each next one twice as long, up to {@code max}. */
public record RetryPolicy(int maxAttempts, Duration initial, Duration max) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
    }

    public static RetryPolicy standard() {
        return new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    /** The wait before retry number {@code retry} (1-based). */
    public Duration backoff(int retry) {
        long millis = initial.toMillis() << Math.min(20, Math.max(0, retry - 1));
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
