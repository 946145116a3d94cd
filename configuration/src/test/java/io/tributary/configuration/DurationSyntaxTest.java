package io.tributary.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationSyntaxTest {

    @ParameterizedTest
    @CsvSource({"500ms,500", "500MS,500", "10s,10000", "10S,10000", "5m,300000", "5M,300000", "2h,7200000",
            "1d,86400000", "1D,86400000", "' 30 s ',30000", "0,0", "0s,0", "PT10S,10000", "pt1m30s,90000",
            "P1D,86400000", "PT0.5S,500"})
    void readsEveryForm(String text, long millis) {
        assertThat(DurationSyntax.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"ten", "5 parsecs", "-3s", "1.5s", "5x", "s", "''", "10 seconds", "99999999999999999999s"})
    void refusesEverythingElseSayingHowToWriteOne(String text) {
        assertThatThrownBy(() -> DurationSyntax.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration: use 500ms, 5s, 10s, 5m, 2h, 1d or PT10S");
    }

    @ParameterizedTest
    @CsvSource({"0,0s", "500,500ms", "1500,1500ms", "4000,4s", "90000,90s", "120000,2m", "7200000,2h",
            "86400000,1d", "604800000,7d"})
    void formatsInTheLargestWholeUnitAndReadsBack(long millis, String text) {
        assertThat(DurationSyntax.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(DurationSyntax.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
