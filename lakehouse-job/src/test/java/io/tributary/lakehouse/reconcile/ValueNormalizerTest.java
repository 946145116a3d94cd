package io.tributary.lakehouse.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueNormalizerTest {

    @Test
    void numericScaleDoesNotMatterButTheValueDoes() {
        assertThat(ValueNormalizer.normalize(new BigDecimal("12.50"))).isEqualTo("12.5");
        assertThat(ValueNormalizer.normalize(new BigDecimal("12.5000"))).isEqualTo("12.5");
        assertThat(ValueNormalizer.normalize(new BigDecimal("1200"))).isEqualTo("1200");
        assertThat(ValueNormalizer.normalize(new BigDecimal("0.00"))).isEqualTo("0");
        assertThat(ValueNormalizer.normalize(new BigDecimal("12.51"))).isNotEqualTo(ValueNormalizer.normalize(new BigDecimal("12.5")));
    }

    @Test
    void integersOfEveryWidthAgreeWithDecimals() {
        assertThat(ValueNormalizer.normalize(7)).isEqualTo("7");
        assertThat(ValueNormalizer.normalize(7L)).isEqualTo("7");
        assertThat(ValueNormalizer.normalize((short) 7)).isEqualTo("7");
        assertThat(ValueNormalizer.normalize(new BigDecimal("7.00"))).isEqualTo("7");
        assertThat(ValueNormalizer.normalize(7.0d)).isEqualTo("7");
        assertThat(ValueNormalizer.normalize(0.25d)).isEqualTo("0.25");
    }

    @Test
    void timestampsWithZoneCompareAsUtcInstants() {
        Instant instant = Instant.parse("2024-03-01T09:15:30.123456Z");
        OffsetDateTime kolkata = OffsetDateTime.parse("2024-03-01T14:45:30.123456+05:30");
        assertThat(ValueNormalizer.normalize(instant)).isEqualTo("2024-03-01T09:15:30.123456Z");
        assertThat(ValueNormalizer.normalize(kolkata)).isEqualTo("2024-03-01T09:15:30.123456Z");
        assertThat(ValueNormalizer.normalize(Timestamp.from(instant))).isEqualTo("2024-03-01T09:15:30.123456Z");
        assertThat(ValueNormalizer.normalize(kolkata.withOffsetSameInstant(ZoneOffset.ofHours(-3)).toZonedDateTime()))
                .isEqualTo("2024-03-01T09:15:30.123456Z");
        assertThat(ValueNormalizer.normalize(instant.plusNanos(1000))).isNotEqualTo(ValueNormalizer.normalize(instant));
    }

    @Test
    void datesBytesAndNull() {
        assertThat(ValueNormalizer.normalize(LocalDate.of(1990, 2, 28))).isEqualTo("1990-02-28");
        assertThat(ValueNormalizer.normalize(Date.valueOf(LocalDate.of(1990, 2, 28)))).isEqualTo("1990-02-28");
        assertThat(ValueNormalizer.normalize(new byte[] {0, 15, -1})).isEqualTo("000fff");
        assertThat(ValueNormalizer.normalize(ByteBuffer.wrap(new byte[] {0, 15, -1}))).isEqualTo("000fff");
        assertThat(ValueNormalizer.normalize(null)).isNull();
        assertThat(ValueNormalizer.normalize("Zoë")).isEqualTo("Zoë");
        assertThat(ValueNormalizer.normalize(Boolean.TRUE)).isEqualTo("true");
    }

    /**
     * numeric without (p,s): PostgreSQL (JDBC) gives a BigDecimal with the stored scale; silver holds the text
     * Debezium sent (trailing zeros stripped in precise mode, kept with decimal.handling.mode=string).
     */
    @ParameterizedTest(name = "pg {0} = silver \"{1}\"")
    @CsvSource({
            "12.3450, 12.3450, 12.345",
            "12.3450, 12.345, 12.345",
            "-12.3450, -12.345, -12.345",
            "0.000, 0, 0",
            "0.000, 0.000, 0",
            "1200, 1200, 1200",
            "0.0000000001, 0.0000000001, 0.0000000001",
            "12345678901234567890123456789012345678901234567890, 12345678901234567890123456789012345678901234567890,"
                    + " 12345678901234567890123456789012345678901234567890",
            "-123456789012345678901234567890.12345678901234567890, -123456789012345678901234567890.1234567890123456789,"
                    + " -123456789012345678901234567890.1234567890123456789",
    })
    void numericWithoutPrecisionEqualsItsSilverText(String pg, String silver, String canonical) {
        assertThat(ValueNormalizer.normalize(new BigDecimal(pg))).isEqualTo(canonical);
        assertThat(ValueNormalizer.normalize(silver)).isEqualTo(canonical);
    }

    @Test
    void differentNumbersStayDifferentAndOtherTextIsUntouched() {
        assertThat(ValueNormalizer.normalize("12.3451")).isNotEqualTo(ValueNormalizer.normalize(new BigDecimal("12.345")));
        assertThat(ValueNormalizer.normalize("007")).isEqualTo("007");
        assertThat(ValueNormalizer.normalize("7.")).isEqualTo("7.");
        assertThat(ValueNormalizer.normalize("1e5")).isEqualTo("1e5");
        assertThat(ValueNormalizer.normalize("01.50")).isEqualTo("01.50");
        assertThat(ValueNormalizer.normalize("12.50 EUR")).isEqualTo("12.50 EUR");
        assertThat(ValueNormalizer.normalize("NaN")).isEqualTo("NaN");
    }

    /** decimal.handling.mode=double: silver holds a double, PostgreSQL gives the numeric (NaN/Infinity as Double). */
    @Test
    void doublesCompareWithTheNumericTheyCameFrom() {
        assertThat(ValueNormalizer.normalize(1.0e-5d)).isEqualTo(ValueNormalizer.normalize(new BigDecimal("0.00001")));
        assertThat(ValueNormalizer.normalize(1.0e20d)).isEqualTo("100000000000000000000");
        assertThat(ValueNormalizer.normalize(-12.345d)).isEqualTo("-12.345");
        assertThat(ValueNormalizer.normalize(Double.NaN)).isEqualTo("NaN");
        assertThat(ValueNormalizer.normalize(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(ValueNormalizer.normalize(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(ValueNormalizer.normalize(0.1f)).isEqualTo("0.10000000149011612");
    }

    @Test
    void extremeDatesAndTimestamps() {
        assertThat(ValueNormalizer.normalize(LocalDate.of(1, 1, 1))).isEqualTo("0001-01-01");
        assertThat(ValueNormalizer.normalize(LocalDate.of(9999, 12, 31))).isEqualTo("9999-12-31");
        assertThat(ValueNormalizer.normalize(java.time.LocalDateTime.parse("9999-12-31T23:59:59.999999")))
                .isEqualTo("9999-12-31T23:59:59.999999");
        assertThat(ValueNormalizer.normalize(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(ValueNormalizer.normalize(OffsetDateTime.parse("9999-12-31T23:59:59.999999+00:00")))
                .isEqualTo("9999-12-31T23:59:59.999999Z");
    }
}
