package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.stack.StackException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
    @TempDir
    Path dir;

    @Test
    void secondHolderWaitsThenFailsNamingTheDataDir() {
        try (DataDirLock first = DataDirLock.acquire(dir, Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> DataDirLock.acquire(dir, Duration.ofMillis(500)))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("--data-dir");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(500);
        }
    }

    @Test
    void releasedLockCanBeTakenAgain() {
        DataDirLock.acquire(dir, Duration.ofSeconds(1)).close();
        try (DataDirLock again = DataDirLock.acquire(dir, Duration.ofSeconds(1))) {
            assertThat(dir.resolve(DataDirLock.FILE)).exists();
        }
    }
}
