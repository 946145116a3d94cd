package io.tributary.lakehouse.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.configuration.ConfigException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BusinessDayTest {

    @Test
    void aDayIsItsUtcInterval() {
        BusinessDay day = BusinessDay.parse("2026-12-01");
        assertThat(day.start()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(day.end()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(day.lastInstant()).isEqualTo(Instant.parse("2026-12-01T23:59:59.999999Z"));
        assertThat(day.sqlLiteral()).isEqualTo("DATE '2026-12-01'");
    }

    @Test
    void untilOverCountsDownToTheEndAndStaysZeroAfter() {
        BusinessDay day = BusinessDay.parse("2026-12-01");
        assertThat(day.untilOver(Instant.parse("2026-12-01T23:00:00Z"))).isEqualTo(Duration.ofHours(1));
        assertThat(day.untilOver(Instant.parse("2026-12-02T00:00:00Z"))).isZero();
        assertThat(day.untilOver(Instant.parse("2026-12-05T10:00:00Z"))).isZero();
    }

    @Test
    void aBadDateSaysTheOptionAndTheFormat() {
        assertThatThrownBy(() -> BusinessDay.parse("2026-13-01")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--date 2026-13-01").hasMessageContaining("YYYY-MM-DD");
    }
}
