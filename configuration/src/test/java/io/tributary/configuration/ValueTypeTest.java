package io.tributary.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypeTest {
    enum Mode { FAST, SAFE }

    @Test
    void everyTypeReadsItsValues() {
        assertThat(ValueType.text().parse("  a b ")).isEqualTo("a b");
        assertThat(ValueType.integer().parse(" -1 ")).isEqualTo(-1);
        assertThat(ValueType.longInteger().parse("100000000000")).isEqualTo(100_000_000_000L);
        assertThat(ValueType.bool().parse("YES")).isTrue();
        assertThat(ValueType.bool().parse("off")).isFalse();
        assertThat(ValueType.duration().parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(ValueType.byteSize().parse("64KiB")).isEqualTo(65_536L);
        assertThat(ValueType.enumOf(Mode.class).parse("safe")).isEqualTo(Mode.SAFE);
        assertThat(ValueType.uri().parse("http://h:1/x")).isEqualTo(URI.create("http://h:1/x"));
        assertThat(ValueType.list(ValueType.text()).parse("a, b,,c ")).containsExactly("a", "b", "c");
        assertThat(ValueType.list(ValueType.integer()).parse("1,2")).isEqualTo(List.of(1, 2));
    }

    @Test
    void everyTypeSaysWhatItExpects() {
        assertThatThrownBy(() -> ValueType.integer().parse("x")).hasMessage("is not a whole number");
        assertThatThrownBy(() -> ValueType.longInteger().parse("1.5")).hasMessage("is not a whole number");
        assertThatThrownBy(() -> ValueType.bool().parse("maybe")).hasMessage("must be true or false");
        assertThatThrownBy(() -> ValueType.duration().parse("ten"))
                .hasMessage("is not a duration: use 500ms, 5s, 10s, 5m, 2h, 1d or PT10S");
        assertThatThrownBy(() -> ValueType.byteSize().parse("lots"))
                .hasMessage("is not a byte size: use 512MB, 1GB, 64KiB, 64MB or a number of bytes");
        assertThatThrownBy(() -> ValueType.enumOf(Mode.class).parse("slow")).hasMessage("must be one of [fast, safe]");
        assertThatThrownBy(() -> ValueType.uri().parse("registry"))
                .hasMessage("is not a URL: it needs a scheme and a host, e.g. http://127.0.0.1:18081");
        assertThatThrownBy(() -> ValueType.uri().parse("http://a b")).hasMessageStartingWith("is not a URL: ");
        assertThatThrownBy(() -> ValueType.list(ValueType.integer()).parse("1,x")).hasMessage("is not a whole number");
    }

    @Test
    void checksSayWhatIsWrong() {
        assertThat(Check.<Integer>between(1, 10).problem(11)).isEqualTo("must be between 1 and 10");
        assertThat(Check.<Integer>between(1, 10).problem(10)).isNull();
        assertThat(Check.<Long>atLeast(1).problem(0L)).isEqualTo("must be at least 1");
        assertThat(Check.atLeast(Duration.ofSeconds(1)).problem(Duration.ofMillis(10))).isEqualTo("must be at least 1s");
        assertThat(Check.positive().problem(Duration.ZERO)).isEqualTo("must be positive");
        assertThat(Check.notNegative().problem(Duration.ofSeconds(-1))).isEqualTo("must not be negative");
        assertThat(Check.notNegative().problem(Duration.ZERO)).isNull();
        assertThat(Check.matches("[a-z]+", "lower-case letters").problem("A")).isEqualTo("must be lower-case letters");
        assertThat(Check.notBlank().problem(" ")).isEqualTo("must not be empty");
        assertThat(Check.eachAndNotEmpty(Check.matches("[a-z]+", "lower-case")).problem(List.of("a", "B")))
                .isEqualTo("'B' must be lower-case");
        assertThat(Check.eachAndNotEmpty(Check.notBlank()).problem(List.of())).isEqualTo("must name at least one value");
        assertThat(Check.oneOf(List.of("a", "b")).problem("c")).isEqualTo("must be one of [a, b]");
    }
}
