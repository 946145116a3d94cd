package io.tributary.lakehouse.reconcile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One canonical text per value, so that a value read from PostgreSQL (JDBC) and the same value read from silver
 * (Spark) compare equal although their Java types differ:
 * <ul>
 *   <li>numbers: plain decimal without trailing zeros ({@code 12.50} numeric(10,2) = {@code 12.5} numeric(14,2);
 *       {@code int 7} = {@code bigint 7} = {@code 7.00}); finite doubles too ({@code 1.0E-5} = {@code 0.00001}, for
 *       {@code decimal.handling.mode=double}); NaN and infinities as {@link Double#toString(double)} (the JDBC driver
 *       reads numeric NaN/Infinity as Double);</li>
 *   <li>text that is a plain decimal numeral with a fraction ({@code -?(0|[1-9][0-9]*).[0-9]+}, what
 *       {@link BigDecimal#toPlainString()} writes) like a number: silver holds {@code numeric} without (p,s) as
 *       such text ({@code io.debezium.data.VariableScaleDecimal}, or any numeric with
 *       {@code decimal.handling.mode=string}), PostgreSQL gives a BigDecimal, so {@code "12.3450"} =
 *       {@code 12.3450} = {@code "12.345"}. The price: two text values differing only in trailing fractional
 *       zeros ({@code "1.10"}, {@code "1.1"}) compare equal;</li>
 *   <li>timestamps with time zone: the instant in UTC, ISO-8601 ({@code 2024-03-01T09:15:30Z});</li>
 *   <li>dates: ISO {@code yyyy-MM-dd}; timestamps without zone: ISO local date-time;</li>
 *   <li>bytes: lower-case hex; NULL: {@code null} (Java null), distinct from the text {@code "null"}.</li>
 * </ul>
 */
public final class ValueNormalizer {

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)\\.[0-9]+");

    private ValueNormalizer() {
    }

    public static String normalize(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return decimal(d);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Float f) {
            return floating(f.doubleValue());
        }
        if (value instanceof Double d) {
            return floating(d);
        }
        if (value instanceof Instant i) {
            return i.toString();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant().toString();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant().toString();
        }
        if (value instanceof Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof String text) {
            return PLAIN_DECIMAL.matcher(text).matches() ? decimal(new BigDecimal(text)) : text;
        }
        if (value instanceof LocalDateTime t) {
            return t.toString();
        }
        if (value instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (value instanceof ByteBuffer b) {
            ByteBuffer copy = b.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }

    private static String decimal(BigDecimal d) {
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toPlainString();
    }

    private static String floating(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        // the shortest decimal that reads back as d (Double.toString), without exponent or trailing zeros
        return decimal(BigDecimal.valueOf(d));
    }
}
