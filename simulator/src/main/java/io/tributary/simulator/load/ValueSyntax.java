package io.tributary.simulator.load;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exact text forms the loader recognises, shared by inference and validation so the two can never
 * disagree. Every form accepted here is also accepted by PostgreSQL's input functions.
 */
final class ValueSyntax {

    /** Canonical decimal: optional minus, no leading zeros (so "007" stays text), optional fraction. */
    private static final Pattern CANONICAL_DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.([0-9]+))?");
    /** Lenient decimal for explicitly typed columns: sign, leading zeros allowed. */
    private static final Pattern LENIENT_DECIMAL = Pattern.compile("[+-]?([0-9]+)(\\.([0-9]+))?");
    private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");
    private static final Pattern TIMESTAMPTZ = Pattern.compile(
            "([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]{1,6})?)?)"
                    + "(Z|[+-][0-9]{2}(?::?[0-9]{2})?)");

    private ValueSyntax() {
    }

    /** Digits before and after the decimal point of a number. */
    record Decimal(int integerDigits, int scale, boolean integral) {
    }

    /** The decimal shape of {@code v} in canonical form, or null if it is not one. */
    static Decimal canonicalDecimal(String v) {
        return decimal(CANONICAL_DECIMAL.matcher(v));
    }

    /** The decimal shape of {@code v}, allowing a sign and leading zeros, or null. */
    static Decimal lenientDecimal(String v) {
        Matcher m = LENIENT_DECIMAL.matcher(v);
        if (!m.matches()) {
            return null;
        }
        String intPart = m.group(1).replaceFirst("^0+(?=.)", "");
        int scale = m.group(3) == null ? 0 : m.group(3).length();
        return new Decimal(intPart.length(), scale, m.group(2) == null);
    }

    private static Decimal decimal(Matcher m) {
        if (!m.matches()) {
            return null;
        }
        int scale = m.group(3) == null ? 0 : m.group(3).length();
        return new Decimal(m.group(1).length(), scale, m.group(2) == null);
    }

    static boolean fitsInt(String v) {
        try {
            Integer.parseInt(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static boolean fitsLong(String v) {
        try {
            Long.parseLong(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Inference only treats the words true and false (any case) as booleans. */
    static boolean isBooleanWord(String v) {
        return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
    }

    /** Every boolean literal PostgreSQL accepts, for explicitly typed columns. */
    static boolean isBooleanLiteral(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "false", "t", "f", "yes", "no", "y", "n", "on", "off", "1", "0" -> true;
            default -> false;
        };
    }

    /** An ISO calendar date yyyy-MM-dd that exists (2024-02-30 does not). */
    static boolean isDate(String v) {
        if (!DATE.matcher(v).matches()) {
            return false;
        }
        try {
            LocalDate.parse(v);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /**
     * An ISO 8601 timestamp with an explicit offset: date, 'T' or space, hh:mm[:ss[.ffffff]], then Z,
     * +hh, +hhmm or +hh:mm. A timestamp without an offset is not recognised: its zone would be a guess.
     */
    static boolean isTimestamptz(String v) {
        Matcher m = TIMESTAMPTZ.matcher(v);
        if (!m.matches()) {
            return false;
        }
        try {
            LocalDate.parse(m.group(1));
            String time = m.group(2);
            LocalTime.parse(time.length() == 5 ? time + ":00" : time);
            String offset = m.group(3);
            if (!offset.equals("Z")) {
                String digits = offset.substring(1).replace(":", "");
                int hours = Integer.parseInt(digits.substring(0, 2));
                int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
                ZoneOffset.ofHoursMinutes(offset.charAt(0) == '-' ? -hours : hours,
                        offset.charAt(0) == '-' ? -minutes : minutes);
            }
            return true;
        } catch (DateTimeException | NumberFormatException e) {
            return false;
        }
    }
}
