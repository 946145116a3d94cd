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
}
