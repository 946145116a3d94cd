package io.tributary.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.contracts.types.TypeMatrix;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads silver's type matrix through {@code tributary sql --format json} in reconcile's canonical rendering: each
 * column rendered by Spark SQL exactly (microseconds since the epoch for timestamptz, hex for bytea, JSON for arrays)
 * and turned into the form {@link TypeMatrix} expects.
 */
final class TypeMatrixSilver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+\\.[0-9]+");
    private static final String NTZ_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS";

    private TypeMatrixSilver() {
    }

    static String query() {
        StringBuilder sql = new StringBuilder("SELECT id");
        for (TypeMatrix.Column c : TypeMatrix.columns()) {
            sql.append(", ").append(expression(c)).append(" AS ").append(c.name());
        }
        return sql.append(", c_default FROM silver.").append(TypeMatrix.TABLE).append(" ORDER BY id").toString();
    }

    private static String expression(TypeMatrix.Column c) {
        String name = c.name();
        return switch (c.sqlType()) {
            case "timestamp" -> "date_format(" + name + ", \"" + NTZ_FORMAT + "\")";
            case "timestamptz" -> "CAST(unix_micros(" + name + ") AS STRING)";
            case "bytea" -> "lower(hex(" + name + "))";
            case "integer[]", "text[]" -> "to_json(" + name + ")";
            default -> "CAST(" + name + " AS STRING)";
        };
    }

    /** id -> column -> value (null for SQL NULL) of the JSON lines {@code tributary sql} printed. */
    static Map<Integer, Map<String, String>> rows(String jsonLines) {
        Map<Integer, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : jsonLines.lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException("not a JSON row: " + line, e);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (TypeMatrix.Column c : TypeMatrix.columns()) {
                JsonNode v = node.get(c.name());
                row.put(c.name(), v == null || v.isNull() ? null : canonical(c.sqlType(), v.asText()));
            }
            JsonNode fallback = node.get("c_default");
            row.put("c_default", fallback == null ? null : fallback.asText());
            rows.put(node.get("id").asInt(), row);
        }
        return rows;
    }

    private static String canonical(String sqlType, String value) {
        if (sqlType.equals("timestamp")) {
            return LocalDateTime.parse(value).toString();
        }
        if (sqlType.equals("timestamptz")) {
            long micros = Long.parseLong(value);
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
                    .toString();
        }
        if ((sqlType.startsWith("numeric") || sqlType.equals("money")) && PLAIN_DECIMAL.matcher(value).matches()) {
            BigDecimal d = new BigDecimal(value);
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        return value;
    }
}
