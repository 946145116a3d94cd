package io.tributary.lakehouse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DaemonThreadsTest {
    @Test
    void threadsCarryTheNameAndAreDaemons() {
        Thread t = DaemonThreads.named("table-writer").newThread(() -> { });
        assertThat(t.getName()).isEqualTo("table-writer");
        assertThat(t.isDaemon()).isTrue();
    }
}
