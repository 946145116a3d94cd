package io.tributary.platform.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The columns on which a PostgreSQL row ({@code row_to_json}) and its silver row (Spark's JSON) differ. Values are
 * compared as what they mean: numbers by value ({@code 12.5} = {@code 12.50}), timestamps as instants
 * ({@code 2024-01-01T10:00:00+01:00} = {@code 2024-01-01T09:00:00.000Z}; one without offset is UTC), else as text.
 * A column PostgreSQL has and silver lacks differs; silver's extra columns (dropped in PostgreSQL) do not. Pure.
 */
public final class ValueDifferences {
    private ValueDifferences() {
    }

    public static List<String> of(JsonNode postgres, JsonNode silver) {
        List<String> differing = new ArrayList<>();
        Iterator<String> names = postgres.fieldNames();
        while (names.hasNext()) {
            String column = names.next();
            if (!silver.has(column) || !same(postgres.get(column), silver.get(column))) {
                differing.add(column);
            }
        }
        return differing;
    }

    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNull() || b.isNull()) {
            return a.isNull() && b.isNull();
        }
        Optional<BigDecimal> na = number(a);
        Optional<BigDecimal> nb = number(b);
        if (na.isPresent() && nb.isPresent()) {
            return na.get().compareTo(nb.get()) == 0;
        }
        String ta = a.isValueNode() ? a.asText() : a.toString();
        String tb = b.isValueNode() ? b.asText() : b.toString();
        if (ta.equals(tb)) {
            return true;
        }
        Optional<Instant> ia = instant(ta);
        Optional<Instant> ib = instant(tb);
        return ia.isPresent() && ia.equals(ib);
    }

    private static Optional<BigDecimal> number(JsonNode n) {
        if (n.isNumber()) {
            return Optional.of(n.decimalValue());
        }
        if (n.isTextual()) {
            try {
                return Optional.of(new BigDecimal(n.asText()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> instant(String text) {
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + "T" + text.substring(11) : text;
        try {
            return Optional.of(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
