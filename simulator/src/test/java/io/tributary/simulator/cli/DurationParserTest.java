package io.tributary.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationParserTest {

    @Test
    void readsHumanAndIsoDurations() {
        assertThat(DurationParser.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationParser.parse("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(DurationParser.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DurationParser.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationParser.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(DurationParser.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationParser.parse("pt2s")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void refusesOtherText() {
        assertThatThrownBy(() -> DurationParser.parse("ten minutes")).hasMessageContaining("write e.g. 500ms, 60s");
        assertThatThrownBy(() -> DurationParser.parse("5x")).hasMessageContaining("'5x' is not a duration");
    }
}
