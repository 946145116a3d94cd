package io.tributary.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TypeInferenceTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // values (null = empty cell) -> expected type
                row("integer", "1", "2", "-3", "0"),
                row("integer", "2147483647", "-2147483648"),
                row("bigint", "2147483648", "1"),
                row("bigint", "-9223372036854775808", "9223372036854775807"),
                row("numeric(21,0)", "9223372036854775808"),
                row("numeric(10,2)", "12.50", "3", "0.99"),
                row("numeric(10,3)", "1.5", "2.125"),
                row("numeric(20,6)", "123456789012.123456"),
                row("integer", "1", null, "3"),
                row("text", "007", "008"),
                row("text", "+5"),
                row("text", ".5"),
                row("text", "1e10"),
                row("text", "1,5"),
                row("boolean", "true", "FALSE", "True"),
                row("text", "t", "f"),
                row("text", "yes", "no"),
                row("integer", "0", "1"),
                row("date", "2024-02-29", "1999-12-31"),
                row("text", "2023-02-29"),
                row("text", "2024-13-01"),
                row("text", "01/02/2024"),
                row("timestamptz", "2024-03-01T10:15:30+01:00", "2024-03-01 10:15:30Z", "2024-03-01T10:15-05"),
                row("timestamptz", "2024-03-01T10:15:30.123456+05:45", "2024-03-01T10:15:30+0530"),
                row("text", "2024-03-01T10:15:30"),
                row("text", "2024-03-01T25:15:30Z"),
                row("text", "2024-03-01T10:15:30.1234567Z"),
                row("text", "2024-03-01T10:15:30.Z"),
                row("text", "2024-03-01T10:15:60Z"),
                row("text", "2024-03-01T10:15+16:00"),
                row("timestamptz", "2024-03-01T10:15-15:59", "2024-03-01T23:59:59.5+00"),
                row("text", "2024-03-01T10:15+05:3"),
                row("text", "2024-03-01T10:15:3Z"),
                row("text", "0000-01-01"),
                row("text", "2024-04-31"),
                row("text", "2024-1-01"),
                row("text", "-"),
                row("text", "1."),
                row("text", "-.5"),
                row("text", "00"),
                row("numeric(10,1)", "-0", "0.0"),
                row("integer", "999999999", "-999999999"),
                row("bigint", "-2147483649"),
                row("text", "2024-03-01", "2024-03-01T10:15:30Z"),
                row("text", "1", "true"),
                row("text", "1", "2024-01-01"),
                row("text", "Zürich", "Łódź"),
                row("text", " 1"),
                row("text", (String) null),
                row("text"));
    }

    private static Arguments row(String expected, String... values) {
        return Arguments.of(expected, values == null ? List.of() : Arrays.asList(values));
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("cases")
    void infersTheNarrowestTypeThatFitsEveryValue(String expected, List<String> values) {
        assertThat(TypeInference.infer(values).sql()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("cases")
    void everyValueOfAnInferredColumnPassesValidation(String expected, List<String> values) {
        SqlType type = TypeInference.infer(values);
        for (String v : values) {
            assertThat(ValueValidator.problem(type, v)).as(v).isNull();
        }
    }
}
