package io.tributary.lakehouse.parking;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayHorizonTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void aReplayOlderThanThePurgeHorizonIsRefusedWithTheFix() {
        assertThatThrownBy(() -> ReplayHorizon.check("orders", NOW.minus(Duration.ofDays(9)), NOW, Duration.ofDays(8)))
                .isInstanceOf(ReplayHorizon.ReplayTooOldException.class)
                .hasMessageContaining("orders").hasMessageContaining("2026-11-27T12:00:00Z")
                .hasMessageContaining("TRIBUTARY_LAKEHOUSE_TOMBSTONE_RETENTION=8d").hasMessageContaining("Re-snapshot");
    }

    @Test
    void aReplayInsideTheHorizonOrWithTombstonesKeptForeverGoesAhead() {
        assertThatCode(() -> ReplayHorizon.check("orders", NOW.minus(Duration.ofDays(7)), NOW, Duration.ofDays(8)))
                .doesNotThrowAnyException();
        assertThatCode(() -> ReplayHorizon.check("orders", NOW.minus(Duration.ofDays(700)), NOW, Duration.ZERO))
                .doesNotThrowAnyException();
    }
}
