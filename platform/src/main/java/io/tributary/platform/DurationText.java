package io.tributary.platform;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as {@code 90s}, {@code 2m}, {@code 500ms}, {@code 1h} or ISO-8601 ({@code PT90S}). */
final class DurationText {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private DurationText() {
    }

    static Duration parse(String text, String option) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
            return requirePositive(d, text, option);
        }
        try {
            return requirePositive(Duration.parse(text.trim().toUpperCase(Locale.ROOT)), text, option);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a duration; write e.g. 90s, 2m, 500ms or PT90S");
        }
    }

    private static Duration requirePositive(Duration d, String text, String option) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(option + ": '" + text + "' must be a positive duration");
        }
        return d;
    }

    /** {@code 40s}, {@code 2m}, {@code 1m30s}: the short form for messages. */
    static String format(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        return s % 60 == 0 ? (s / 60) + "m" : (s / 60) + "m" + (s % 60) + "s";
    }
}
