package io.tributary.bench;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** "90s", "50m", "2h" (or an ISO-8601 duration such as PT50M). */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new TypeConversionException("'" + text + "': use a number with s, m or h, e.g. 50m");
            };
        } catch (RuntimeException e) {
            if (e instanceof TypeConversionException tce) {
                throw tce;
            }
            throw new TypeConversionException("'" + text + "' is not a duration; use e.g. 90s, 50m or 2h");
        }
    }
}
