package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @Test
    void unitsAndIso() {
        DurationConverter c = new DurationConverter();
        assertThat(c.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.convert("50m")).isEqualTo(Duration.ofMinutes(50));
        assertThat(c.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(c.convert("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> c.convert("5x")).isInstanceOf(TypeConversionException.class).hasMessageContaining("5x");
        assertThatThrownBy(() -> c.convert("soon")).isInstanceOf(TypeConversionException.class);
    }
}
