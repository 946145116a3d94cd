package io.tributary.lakehouse.reconcile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import scala.jdk.javaapi.CollectionConverters;

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
 *   <li>{@code timetz} (read from PostgreSQL as {@link OffsetTime}): the same time of day in UTC, as Debezium's
 *       {@code io.debezium.time.ZonedTime} writes it and silver keeps it ({@code 10:15:30+02} = {@code "08:15:30Z"});
 *       the original offset is not compared (Debezium does not carry it: docs/lakehouse-job.md);</li>
 *   <li>arrays (a JDBC {@link java.sql.Array} from PostgreSQL, a Scala {@code Seq} from silver): {@code [e1,e2]} with
 *       each element rendered as above, text elements JSON-quoted ({@code ["a,b",null,""]}), so that an element's
 *       type, its NULLs and the array's length all count.</li>
 * </ul>
 *
 * <p>{@code money}, {@code interval} and {@code time} are rendered by the query PostgreSQL runs
 * ({@code PostgresSnapshot.selectExpression}) in silver's form: a number, Debezium's ISO-8601 period text and
 * microseconds since midnight.
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
            return text(text);
        }
        if (value instanceof LocalDateTime t) {
            return t.toString();
        }
        if (value instanceof OffsetTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_TIME);
        }
        if (value instanceof java.sql.Array array) {
            return list(jdbcElements(array));
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            return list(CollectionConverters.asJava(seq));
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
        // the driver's PGobject (json, jsonb, inet, cidr, macaddr, an enum...): its text, which silver holds as a string
        return text(value.toString());
    }

    private static String text(String text) {
        return PLAIN_DECIMAL.matcher(text).matches() ? decimal(new BigDecimal(text)) : text;
    }

    private static String list(List<?> elements) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object e = elements.get(i);
            sb.append(e == null ? "null" : e instanceof String text ? quoted(text) : normalize(e));
        }
        return sb.append(']').toString();
    }

    private static List<?> jdbcElements(java.sql.Array array) {
        try {
            return Arrays.asList((Object[]) array.getArray());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a PostgreSQL array: " + e.getMessage(), e);
        }
    }

    /** JSON string quoting: quote, backslash and control characters escaped. */
    private static String quoted(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
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
