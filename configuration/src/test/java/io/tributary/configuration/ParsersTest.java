package io.tributary.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParsersTest {
    @ParameterizedTest
    @CsvSource({"500ms,500", "10s,10000", "2m,120000", "1h,3600000", "1d,86400000", "PT15S,15000", "pt1m,60000", "0s,0"})
    void durations(String text, long millis) {
        assertThat(DurationSyntax.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"500,500ms", "4000,4s", "90000,90s", "120000,2m", "7200000,2h", "0,0s"})
    void durationsAreFormattedSoThatTheyParseBack(long millis, String text) {
        assertThat(DurationSyntax.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(DurationSyntax.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"1024,1024", "1KB,1024", "512kb,524288", "64MB,67108864", "1GB,1073741824", "2GiB,2147483648", "1TB,1099511627776"})
    void byteSizes(String text, long bytes) {
        assertThat(ByteSizeSyntax.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"ten", "5 parsecs", "-3s"})
    void badDurationsSayHowToWriteOne(String text) {
        assertThatThrownBy(() -> DurationSyntax.parse(text)).hasMessageContaining("10s");
    }

    @ParameterizedTest
    @CsvSource({"lots", "1.5GB", "-1"})
    void badSizesSayHowToWriteOne(String text) {
        assertThatThrownBy(() -> ByteSizeSyntax.parse(text)).hasMessageContaining("64MB");
    }
}
