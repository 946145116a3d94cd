package io.tributary.configuration;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of every stage: a whole number with a unit {@code ms}, {@code s}, {@code m}, {@code h} or
 * {@code d} in any case ({@code 500ms}, {@code 10s}, {@code 5M}, {@code 2h}, {@code 1d}), ISO-8601 ({@code PT10S},
 * {@code pt1m30s}) or a bare {@code 0}.
 */
public final class DurationSyntax {
    /** What to write instead of a value that is not a duration. */
    public static final String EXPECTED = "is not a duration: use 500ms, 5s, 10s, 5m, 2h, 1d or PT10S";

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private DurationSyntax() {
    }

    /** The duration {@code text} stands for; an {@link IllegalArgumentException} naming the text otherwise. */
    public static Duration parse(String text) {
        Duration d = parseOrNull(text);
        if (d == null) {
            throw new IllegalArgumentException("'" + text + "' " + EXPECTED);
        }
        return d;
    }

    static Duration parseOrNull(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return null;
            }
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The shortest text {@link #parse} reads back, in the largest whole unit: {@code 7d}, {@code 2m}, {@code 1500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1_000L == 0) {
            return ms / 1_000L + "s";
        }
        return ms + "ms";
    }
}
