package io.tributary.simulator.load;

import java.time.Year;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exact text forms the loader recognises, shared by inference and validation so the two can never
 * disagree. Every form accepted here is also accepted by PostgreSQL's input functions. Hand-written
 * scanners rather than regular expressions and java.time parsers: they run for every cell of every file
 * twice (inference, then validation), so they are kept allocation-free.
 */
final class ValueSyntax {

    /** Lenient decimal for explicitly typed columns: sign, leading zeros allowed. */
    private static final Pattern LENIENT_DECIMAL = Pattern.compile("[+-]?([0-9]+)(\\.([0-9]+))?");
    /** PostgreSQL refuses UTC offsets beyond 15:59. */
    private static final int MAX_OFFSET_HOURS = 15;

    private ValueSyntax() {
    }

    /** Digits before and after the decimal point of a number. */
    record Decimal(int integerDigits, int scale, boolean integral) {
    }

    /**
     * The decimal shape of {@code v} in canonical form (optional minus, no leading zeros so "007" stays text,
     * optional fraction with at least one digit), or null if it is not one.
     */
    static Decimal canonicalDecimal(String v) {
        int n = v.length();
        int i = 0;
        if (n > 0 && v.charAt(0) == '-') {
            i = 1;
        }
        int intStart = i;
        while (i < n && isDigit(v.charAt(i))) {
            i++;
        }
        int integerDigits = i - intStart;
        if (integerDigits == 0 || integerDigits > 1 && v.charAt(intStart) == '0') {
            return null;
        }
        if (i == n) {
            return new Decimal(integerDigits, 0, true);
        }
        if (v.charAt(i) != '.') {
            return null;
        }
        int fractionStart = ++i;
        while (i < n && isDigit(v.charAt(i))) {
            i++;
        }
        if (i != n || i == fractionStart) {
            return null;
        }
        return new Decimal(integerDigits, n - fractionStart, false);
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

    /** An ISO calendar date yyyy-MM-dd that exists (2024-02-30 does not; nor does year 0). */
    static boolean isDate(String v) {
        return v.length() == 10 && isDateAt(v, 0);
    }

    /**
     * An ISO 8601 timestamp with an explicit offset: date, 'T' or space, hh:mm[:ss[.ffffff]], then Z,
     * +hh, +hhmm or +hh:mm (at most 15:59 either way). A timestamp without an offset is not recognised:
     * its zone would be a guess.
     */
    static boolean isTimestamptz(String v) {
        int n = v.length();
        if (n < 17 || !isDateAt(v, 0) || v.charAt(10) != 'T' && v.charAt(10) != ' ') {
            return false;
        }
        int hour = twoDigits(v, 11);
        if (hour < 0 || hour > 23 || v.charAt(13) != ':') {
            return false;
        }
        int minute = twoDigits(v, 14);
        if (minute < 0 || minute > 59) {
            return false;
        }
        int i = 16;
        if (i < n && v.charAt(i) == ':') {
            int second = i + 3 <= n ? twoDigits(v, i + 1) : -1;
            if (second < 0 || second > 59) {
                return false;
            }
            i += 3;
            if (i < n && v.charAt(i) == '.') {
                int fractionStart = ++i;
                while (i < n && isDigit(v.charAt(i))) {
                    i++;
                }
                int digits = i - fractionStart;
                if (digits < 1 || digits > 6) {
                    return false;
                }
            }
        }
        return isOffset(v, i);
    }

    private static boolean isOffset(String v, int i) {
        int rest = v.length() - i;
        if (rest == 1) {
            return v.charAt(i) == 'Z';
        }
        if (rest < 3 || v.charAt(i) != '+' && v.charAt(i) != '-') {
            return false;
        }
        int hours = twoDigits(v, i + 1);
        int minutes;
        if (rest == 3) {
            minutes = 0;
        } else if (rest == 5) {
            minutes = twoDigits(v, i + 3);
        } else if (rest == 6 && v.charAt(i + 3) == ':') {
            minutes = twoDigits(v, i + 4);
        } else {
            return false;
        }
        return hours >= 0 && hours <= MAX_OFFSET_HOURS && minutes >= 0 && minutes <= 59;
    }

    private static boolean isDateAt(String v, int at) {
        if (v.length() < at + 10 || v.charAt(at + 4) != '-' || v.charAt(at + 7) != '-') {
            return false;
        }
        int year = 0;
        for (int i = at; i < at + 4; i++) {
            char c = v.charAt(i);
            if (!isDigit(c)) {
                return false;
            }
            year = year * 10 + (c - '0');
        }
        int month = twoDigits(v, at + 5);
        int day = twoDigits(v, at + 8);
        return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> Year.isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The value of two digits at {@code at}, or -1. */
    private static int twoDigits(String v, int at) {
        if (at + 2 > v.length()) {
            return -1;
        }
        char a = v.charAt(at);
        char b = v.charAt(at + 1);
        return isDigit(a) && isDigit(b) ? (a - '0') * 10 + (b - '0') : -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
