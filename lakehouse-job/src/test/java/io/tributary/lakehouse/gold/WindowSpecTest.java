package io.tributary.lakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowSpecTest {

    @Test
    void tumblingWindowsAlignToTheEpoch() {
        assertThat(WindowSpec.tumbling(Duration.ofMinutes(1)).startsOf(Instant.parse("2026-12-07T10:03:59.999Z")))
                .containsExactly(Instant.parse("2026-12-07T10:03:00Z"));
        assertThat(WindowSpec.tumbling(Duration.ofMinutes(1)).startsOf(Instant.parse("2026-12-07T10:04:00Z")))
                .containsExactly(Instant.parse("2026-12-07T10:04:00Z"));
    }

    @Test
    void slidingWindowsHoldAnInstantInSizeOverSlideWindows() {
        assertThat(WindowSpec.sliding(Duration.ofMinutes(5), Duration.ofMinutes(1))
                .startsOf(Instant.parse("2026-12-07T10:03:30Z")))
                .containsExactly(Instant.parse("2026-12-07T09:59:00Z"), Instant.parse("2026-12-07T10:00:00Z"),
                        Instant.parse("2026-12-07T10:01:00Z"), Instant.parse("2026-12-07T10:02:00Z"),
                        Instant.parse("2026-12-07T10:03:00Z"));
    }

    @Test
    void beforeTheEpochTheWindowsStillContainTheInstant() {
        assertThat(WindowSpec.tumbling(Duration.ofMinutes(1)).startsOf(Instant.ofEpochSecond(-1)))
                .containsExactly(Instant.ofEpochSecond(-60));
    }

    @Test
    void aSizeThatIsNoMultipleOfTheSlideIsRefused() {
        assertThatThrownBy(() -> WindowSpec.sliding(Duration.ofMinutes(5), Duration.ofMinutes(2)))
                .hasMessageContaining("multiple of its slide");
    }
}
