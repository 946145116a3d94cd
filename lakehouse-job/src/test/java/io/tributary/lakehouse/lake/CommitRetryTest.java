package io.tributary.lakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.exceptions.ConcurrentAppendException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommitRetryTest {

    private final List<Duration> sleeps = new ArrayList<>();
    private final AtomicInteger retries = new AtomicInteger();
    private final CommitRetry retry = new CommitRetry(3, Duration.ofMillis(100), sleeps::add, retries::incrementAndGet);

    @Test
    void retriesCommitConflictsWithDoublingBackoff() {
        AtomicInteger attempts = new AtomicInteger();

        String result = retry.run("merge", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ConcurrentAppendException("files were added by a concurrent OPTIMIZE");
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(retries).hasValue(2);
    }

    @Test
    void givesUpAfterTheBound() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry.run("merge", () -> {
            attempts.incrementAndGet();
            throw new ConcurrentAppendException("always");
        })).isInstanceOf(ConcurrentAppendException.class);
        assertThat(attempts).hasValue(4);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry.run("merge", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("S3 refused the write");
        })).hasMessage("S3 refused the write");
        assertThat(attempts).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void recognisesAWrappedConflict() {
        assertThat(CommitRetry.isCommitConflict(new RuntimeException(new ConcurrentAppendException("x")))).isTrue();
        assertThat(CommitRetry.isCommitConflict(new RuntimeException("x"))).isFalse();
    }
}
