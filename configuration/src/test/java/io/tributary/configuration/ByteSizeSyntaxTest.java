package io.tributary.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizeSyntaxTest {

    @ParameterizedTest
    @CsvSource({"0,0", "1024,1024", "1024b,1024", "1KB,1024", "512kb,524288", "64KiB,65536", "64MB,67108864",
            "512mib,536870912", "1GB,1073741824", "2GiB,2147483648", "1TB,1099511627776", "' 8 MB ',8388608"})
    void readsBytesAndBinaryUnitsInAnyCase(String text, long bytes) {
        assertThat(ByteSizeSyntax.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"lots", "1.5GB", "-1", "5 parsecs", "''", "9999999TB"})
    void refusesEverythingElseSayingHowToWriteOne(String text) {
        assertThatThrownBy(() -> ByteSizeSyntax.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a byte size: use 512MB, 1GB, 64KiB, 64MB or a number of bytes");
    }
}
