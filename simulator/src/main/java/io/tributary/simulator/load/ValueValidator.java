package io.tributary.simulator.load;

/**
 * Checks that a value can be stored in a column of a given type without error or silent change, so
 * that a bad value is reported with its file, line and column before COPY ever sees it. Explicitly
 * typed columns ({@code --types}) accept the wider set of literals PostgreSQL itself accepts (signs,
 * leading zeros, t/f/yes/no); inference only ever produces types that the canonical forms satisfy.
 */
public final class ValueValidator {

    private ValueValidator() {
    }

    /** Null when {@code value} fits {@code type}, else a short description of the problem. */
    public static String problem(SqlType type, String value) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case TEXT -> value.indexOf('\0') >= 0
                    ? "contains a NUL character (\\0), which PostgreSQL text cannot store" : null;
            case BOOLEAN -> ValueSyntax.isBooleanLiteral(value) ? null : notA(value, type);
            case INTEGER -> integral(value, type, ValueSyntax.fitsInt(strip(value)));
            case BIGINT -> integral(value, type, ValueSyntax.fitsLong(strip(value)));
            case NUMERIC -> numeric(value, type);
            case DATE -> ValueSyntax.isDate(value) ? null : notA(value, type) + " (expected yyyy-MM-dd)";
            case TIMESTAMPTZ -> ValueSyntax.isTimestamptz(value) ? null
                    : notA(value, type) + " (expected ISO 8601 with an offset, e.g. 2024-05-01T10:15:00+02:00)";
        };
    }

    private static String integral(String value, SqlType type, boolean fits) {
        ValueSyntax.Decimal d = ValueSyntax.lenientDecimal(value);
        if (d == null || !d.integral()) {
            return notA(value, type);
        }
        return fits ? null : "'" + abbreviate(value) + "' is out of range for " + type;
    }

    private static String numeric(String value, SqlType type) {
        ValueSyntax.Decimal d = ValueSyntax.lenientDecimal(value);
        if (d == null) {
            return notA(value, type);
        }
        if (d.scale() > type.scale()) {
            return "'" + abbreviate(value) + "' has " + d.scale() + " decimals but the column is " + type
                    + " (it would be rounded)";
        }
        if (d.integerDigits() > type.precision() - type.scale()) {
            return "'" + abbreviate(value) + "' is too large for " + type;
        }
        return null;
    }

    private static String strip(String value) {
        return value.startsWith("+") ? value.substring(1) : value;
    }

    private static String notA(String value, SqlType type) {
        return "'" + abbreviate(value) + "' is not a valid " + type;
    }

    static String abbreviate(String value) {
        String oneLine = value.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
