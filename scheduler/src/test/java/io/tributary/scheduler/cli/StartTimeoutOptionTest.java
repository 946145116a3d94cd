package io.tributary.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StartTimeoutOptionTest {

    private static StartTimeoutOption of(String text) {
        StartTimeoutOption option = new StartTimeoutOption();
        option.text = text;
        return option;
    }

    @Test
    void readsTheDurationSyntaxOfEveryStage() {
        assertThat(of("60s").value()).isEqualTo(Duration.ofSeconds(60));
        assertThat(of("2m").value()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aWrongOrZeroValueNamesTheOption() {
        assertThatThrownBy(() -> of("soon").value()).hasMessageStartingWith("--start-timeout 'soon' is not a duration");
        assertThatThrownBy(() -> of("0s").value()).hasMessage("--start-timeout 0s must be above 0, e.g. 60s");
    }
}
