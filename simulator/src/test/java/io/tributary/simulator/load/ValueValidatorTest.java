package io.tributary.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueValidatorTest {

    @ParameterizedTest(name = "{0} accepts {1}")
    @CsvSource(delimiter = '|', value = {
            "integer|42", "integer|+42", "integer|007", "integer|-2147483648",
            "bigint|9223372036854775807",
            "numeric(10,2)|12.5", "numeric(10,2)|12.50", "numeric(10,2)|-99999999.99", "numeric(10,2)|7",
            "boolean|true", "boolean|t", "boolean|no", "boolean|1",
            "date|2024-02-29",
            "timestamptz|2024-05-01T10:15:00+02:00",
            "text|anything, with \"quotes\""})
    void accepts(String type, String value) {
        assertThat(ValueValidator.problem(SqlType.parse(type), value)).isNull();
    }

    @ParameterizedTest(name = "{0} refuses {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "integer|12.50|is not a valid integer",
            "integer|2147483648|out of range for integer",
            "integer|abc|is not a valid integer",
            "bigint|9223372036854775808|out of range for bigint",
            "numeric(10,2)|1.234|has 3 decimals but the column is numeric(10,2)",
            "numeric(10,2)|123456789.5|too large for numeric(10,2)",
            "numeric(10,2)|1e5|is not a valid numeric(10,2)",
            "boolean|maybe|is not a valid boolean",
            "date|2023-02-29|expected yyyy-MM-dd",
            "timestamptz|2024-05-01 10:15|expected ISO 8601 with an offset"})
    void refusesNamingTheProblem(String type, String value, String problem) {
        assertThat(ValueValidator.problem(SqlType.parse(type), value)).contains(problem);
    }

    @org.junit.jupiter.api.Test
    void refusesTextWithANulCharacterWhichPostgresCannotStore() {
        assertThat(ValueValidator.problem(SqlType.TEXT, "a\0b")).contains("NUL");
    }

    @org.junit.jupiter.api.Test
    void nullFitsEveryType() {
        for (SqlType.Kind kind : SqlType.Kind.values()) {
            SqlType type = kind == SqlType.Kind.NUMERIC ? SqlType.numeric(5, 1) : SqlType.parse(kind.name());
            assertThat(ValueValidator.problem(type, null)).isNull();
        }
    }
}
