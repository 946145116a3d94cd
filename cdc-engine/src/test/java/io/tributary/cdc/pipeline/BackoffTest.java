package io.tributary.cdc.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class BackoffTest {
    private final AtomicLong now = new AtomicLong();
    private final List<Duration> sleeps = new ArrayList<>();
    private final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(2),
            d -> {
                sleeps.add(d);
                now.addAndGet(d.toNanos());
            }, now::get);

    @Test
    void retriesRetriableFailuresWithDoublingCappedWaitsUntilSuccess() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String result = backoff.call("test", e -> e instanceof IOException, () -> {
            if (calls.incrementAndGet() < 5) {
                throw new IOException("down");
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void givesUpWhenTheBudgetIsSpentAndRethrowsTheLastFailure() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> backoff.call("test", e -> true, () -> {
            throw new IOException("down " + calls.incrementAndGet());
        })).isInstanceOf(IOException.class).hasMessageStartingWith("down ");
        assertThat(sleeps.stream().mapToLong(Duration::toMillis).sum()).isEqualTo(10_000);
        assertThat(calls.get()).isEqualTo(sleeps.size() + 1);
    }

    @Test
    void doesNotRetryPermanentFailures() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> backoff.call("test", e -> e instanceof IOException, () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("409");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(calls.get()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }
}
