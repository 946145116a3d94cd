package io.tributary.lakehouse.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The type matrix's types in reconcile's canonical rendering, both ways: the value PostgreSQL's driver gives and the
 * value silver holds render alike when the lake kept it exactly, and differently when it lost precision, an element,
 * a NULL or the time zone.
 */
class TypeRenderingTest {

    private static String pg(Object value) {
        return ValueNormalizer.normalize(value);
    }

    private static String silver(Object value) {
        return ValueNormalizer.normalize(value);
    }

    /** A JDBC array as the PostgreSQL driver returns it: only {@code getArray()} is used. */
    private static java.sql.Array jdbcArray(Object[] elements) {
        return (java.sql.Array) Proxy.newProxyInstance(TypeRenderingTest.class.getClassLoader(),
                new Class<?>[] {java.sql.Array.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getArray") && (args == null || args.length == 0)) {
                        return elements;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** An array column as Spark returns it from a Row: a Scala Seq. */
    private static Object sparkArray(Object... elements) {
        return CollectionConverters.asScala(Arrays.asList(elements)).toSeq();
    }

    @Test
    void integerArraysCompareByElementsNullsAndLength() {
        assertThat(pg(jdbcArray(new Integer[] {1, 2, 3}))).isEqualTo(silver(sparkArray(1, 2, 3))).isEqualTo("[1,2,3]");
        assertThat(pg(jdbcArray(new Integer[] {null, Integer.MIN_VALUE})))
                .isEqualTo(silver(sparkArray(null, Integer.MIN_VALUE))).isEqualTo("[null,-2147483648]");
        assertThat(pg(jdbcArray(new Integer[0]))).isEqualTo(silver(sparkArray())).isEqualTo("[]");
        assertThat(pg(jdbcArray(new Integer[] {1, 2, 3}))).isNotEqualTo(silver(sparkArray(1, 2)));
        assertThat(pg(jdbcArray(new Integer[] {null}))).isNotEqualTo(silver(sparkArray(0)));
        assertThat(pg(jdbcArray(new Integer[0]))).isNotEqualTo(silver(null));
    }

    @Test
    void textArraysKeepCommasEmptyStringsAndNullsApart() {
        assertThat(pg(jdbcArray(new String[] {"a,b", "", "ü"}))).isEqualTo(silver(sparkArray("a,b", "", "ü")))
                .isEqualTo("[\"a,b\",\"\",\"ü\"]");
        assertThat(pg(jdbcArray(new String[] {"a", "b"}))).isNotEqualTo(silver(sparkArray("a,b")));
        assertThat(pg(jdbcArray(new String[] {null, "x"}))).isNotEqualTo(silver(sparkArray("null", "x")));
        assertThat(pg(jdbcArray(new String[] {""}))).isNotEqualTo(silver(sparkArray()));
        assertThat(pg(jdbcArray(new String[] {"say \"hi\"\t\\"}))).isEqualTo("[\"say \\\"hi\\\"\\u0009\\\\\"]");
        // a number-looking text element stays text: "1.50" is not 1.5 inside an array
        assertThat(pg(jdbcArray(new String[] {"1.50"}))).isNotEqualTo(silver(sparkArray(new BigDecimal("1.5"))));
    }

    @Test
    void timetzComparesTheTimeOfDayInUtcAsDebeziumSendsIt() {
        assertThat(pg(OffsetTime.parse("10:15:30+02:00"))).isEqualTo(silver("08:15:30Z"));
        assertThat(pg(OffsetTime.parse("23:59:59.999999-12:00"))).isEqualTo(silver("11:59:59.999999Z"));
        assertThat(pg(OffsetTime.parse("00:00Z"))).isEqualTo(silver("00:00:00Z"));
        // a lost microsecond or a time not moved to UTC shows
        assertThat(pg(OffsetTime.parse("23:59:59.999999-12:00"))).isNotEqualTo(silver("11:59:59.999Z"));
        assertThat(pg(OffsetTime.parse("10:15:30+02:00"))).isNotEqualTo(silver("10:15:30Z"));
    }

    @Test
    void timestampsKeepMicrosecondsAndTheInstant() {
        assertThat(pg(OffsetDateTime.parse("2024-03-01T10:15:30.123456+02:00")))
                .isEqualTo(silver(Instant.parse("2024-03-01T08:15:30.123456Z")));
        // timestamptz read back in the wrong zone, or cut to milliseconds
        assertThat(pg(OffsetDateTime.parse("2024-03-01T10:15:30.123456+02:00")))
                .isNotEqualTo(silver(Instant.parse("2024-03-01T10:15:30.123456Z")))
                .isNotEqualTo(silver(Instant.parse("2024-03-01T08:15:30.123Z")));
        // timestamp without zone: a local date-time, never shifted
        assertThat(pg(LocalDateTime.parse("0001-01-01T00:00"))).isEqualTo(silver(LocalDateTime.parse("0001-01-01T00:00:00")));
        assertThat(pg(LocalDateTime.parse("2024-02-29T12:00:00.123456")))
                .isNotEqualTo(silver(LocalDateTime.parse("2024-02-29T12:00:00.123")));
    }

    @Test
    void numericsBeyondSparkPrecisionCompareAsExactText() {
        // numeric(50,20) and numeric without (p,s) are text in silver; PostgreSQL gives a BigDecimal
        String digits = "123456789012345678901234567890.12345678901234567890";
        assertThat(pg(new BigDecimal(digits))).isEqualTo(silver(digits)).isEqualTo("123456789012345678901234567890.1234567890123456789");
        assertThat(pg(new BigDecimal(digits))).isNotEqualTo(silver("123456789012345678901234567890.123456789012345678"));
        assertThat(pg(new BigDecimal("-1.5E-30"))).isEqualTo(silver("-0.0000000000000000000000000000015"));
        // money read as numeric; silver decimal(19,2)
        assertThat(pg(new BigDecimal("92233720368547758.07"))).isEqualTo(silver(new BigDecimal("92233720368547758.07")));
        assertThat(pg(new BigDecimal("92233720368547758.07"))).isNotEqualTo(silver(92233720368547758.07d));
    }

    @Test
    void timeAndIntervalCompareInSilversForm() {
        // time: microseconds since midnight on both sides (PostgreSQL's query computes them)
        assertThat(pg(86_399_999_999L)).isEqualTo(silver(86_399_999_999L));
        assertThat(pg(45_000_500_000L)).isNotEqualTo(silver(45_000_000_000L));
        // interval: Debezium's ISO-8601 text on both sides
        assertThat(pg("P1Y2M3DT4H5M6.789S")).isEqualTo(silver("P1Y2M3DT4H5M6.789S"));
        assertThat(pg("P0Y0M-1DT0H0M0S")).isNotEqualTo(silver("P0Y0M1DT0H0M0S"));
    }

    @Test
    void floatingSpecialValuesTextAndBytes() {
        for (float f : List.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.5f)) {
            assertThat(pg(f)).isEqualTo(silver(f));
        }
        assertThat(pg(Float.NaN)).isNotEqualTo(silver(null));
        assertThat(pg(Double.POSITIVE_INFINITY)).isNotEqualTo(silver(Double.NEGATIVE_INFINITY));
        // real 0.1 kept as a float, not widened through a decimal
        assertThat(pg(0.1f)).isNotEqualTo(silver(0.1d));
        assertThat(pg("")).isNotEqualTo(silver(null));
        assertThat(pg("ab   ")).isNotEqualTo(silver("ab"));
        assertThat(pg("emoji 😀")).isEqualTo(silver("emoji 😀"));
        assertThat(pg(new byte[0])).isEqualTo(silver(new byte[0])).isNotEqualTo(silver(null));
    }

    /** The driver reads json, jsonb, inet, cidr, macaddr as PGobject: rendered as its text, like silver's string. */
    @Test
    void driverObjectsRenderAsTheTextSilverHolds() {
        Object jsonb = new Object() {
            @Override
            public String toString() {
                return "123.450";
            }
        };
        Object inet = new Object() {
            @Override
            public String toString() {
                return "::1";
            }
        };
        assertThat(pg(jsonb)).isEqualTo(silver("123.450"));
        assertThat(pg(inet)).isEqualTo(silver("::1")).isNotEqualTo(silver("0:0:0:0:0:0:0:1"));
    }
}
