package io.tributary.simulator.load;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A column type the loader creates: one of a closed set, numeric with precision and scale. */
public record SqlType(Kind kind, int precision, int scale) {

    /** Kinds in the order inference prefers them (narrowest first). */
    public enum Kind { BOOLEAN, INTEGER, BIGINT, NUMERIC, DATE, TIMESTAMPTZ, TEXT }

    public static final SqlType BOOLEAN = new SqlType(Kind.BOOLEAN, 0, 0);
    public static final SqlType INTEGER = new SqlType(Kind.INTEGER, 0, 0);
    public static final SqlType BIGINT = new SqlType(Kind.BIGINT, 0, 0);
    public static final SqlType DATE = new SqlType(Kind.DATE, 0, 0);
    public static final SqlType TIMESTAMPTZ = new SqlType(Kind.TIMESTAMPTZ, 0, 0);
    public static final SqlType TEXT = new SqlType(Kind.TEXT, 0, 0);

    /** PostgreSQL's limit for numeric precision. */
    public static final int MAX_NUMERIC_PRECISION = 1000;

    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d{1,4})\\s*,\\s*(\\d{1,4})\\)");

    public SqlType {
        if (kind == Kind.NUMERIC) {
            if (precision < 1 || precision > MAX_NUMERIC_PRECISION || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("numeric(" + precision + "," + scale
                        + ") is invalid: need 1 <= precision <= 1000 and 0 <= scale <= precision");
            }
        } else if (precision != 0 || scale != 0) {
            throw new IllegalArgumentException(kind + " takes no precision or scale");
        }
    }

    public static SqlType numeric(int precision, int scale) {
        return new SqlType(Kind.NUMERIC, precision, scale);
    }

    /**
     * Parses a type name as written in {@code --types}: integer, bigint, numeric(p,s), boolean,
     * date, timestamptz, text (case-insensitive).
     */
    public static SqlType parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = NUMERIC.matcher(t);
        if (m.matches()) {
            return numeric(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return switch (t) {
            case "integer", "int", "int4" -> INTEGER;
            case "bigint", "int8" -> BIGINT;
            case "boolean", "bool" -> BOOLEAN;
            case "date" -> DATE;
            case "timestamptz", "timestamp with time zone" -> TIMESTAMPTZ;
            case "text" -> TEXT;
            default -> throw new IllegalArgumentException("unknown type '" + text
                    + "'; use integer, bigint, numeric(p,s), boolean, date, timestamptz or text");
        };
    }

    /** The type as written in SQL DDL. */
    public String sql() {
        return switch (kind) {
            case NUMERIC -> "numeric(" + precision + "," + scale + ")";
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }

    public boolean isInteger() {
        return kind == Kind.INTEGER || kind == Kind.BIGINT;
    }

    @Override
    public String toString() {
        return sql();
    }
}
