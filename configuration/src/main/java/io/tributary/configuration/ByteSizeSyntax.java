package io.tributary.configuration;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one byte-size syntax of every stage: a number of bytes ({@code 1048576}) or a whole number with a binary unit in
 * any case: {@code KB}/{@code KiB} (1024), {@code MB}/{@code MiB}, {@code GB}/{@code GiB}, {@code TB}/{@code TiB}.
 */
public final class ByteSizeSyntax {
    /** What to write instead of a value that is not a size. */
    public static final String EXPECTED = "is not a byte size: use 512MB, 1GB, 64KiB, 64MB or a number of bytes";

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib|tb|tib)?");

    private ByteSizeSyntax() {
    }

    /** The number of bytes {@code text} stands for; an {@link IllegalArgumentException} naming the text otherwise. */
    public static long parse(String text) {
        Long bytes = parseOrNull(text);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' " + EXPECTED);
        }
        return bytes;
    }

    static Long parseOrNull(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }
}
