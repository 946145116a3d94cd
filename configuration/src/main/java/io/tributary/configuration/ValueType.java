package io.tributary.configuration;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How the text of a setting becomes a typed value. {@link #parse} throws an {@link IllegalArgumentException} whose
 * message says what is wrong with the value and how to write one, e.g. {@code is not a whole number}.
 *
 * @param <T> the type of the value
 */
@FunctionalInterface
public interface ValueType<T> {

    T parse(String text);

    /** The text as it is (surrounding blanks removed). */
    static ValueType<String> text() {
        return String::trim;
    }

    static ValueType<Integer> integer() {
        return explained(t -> wholeNumber(t, Integer::parseInt), "is not a whole number");
    }

    static ValueType<Long> longInteger() {
        return explained(t -> wholeNumber(t, Long::parseLong), "is not a whole number");
    }

    /** {@code true}, {@code yes}, {@code on} or {@code false}, {@code no}, {@code off}, in any case. */
    static ValueType<Boolean> bool() {
        return t -> switch (t.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    /** See {@link DurationSyntax}. */
    static ValueType<Duration> duration() {
        return explained(DurationSyntax::parseOrNull, DurationSyntax.EXPECTED);
    }

    /** See {@link ByteSizeSyntax}. */
    static ValueType<Long> byteSize() {
        return explained(ByteSizeSyntax::parseOrNull, ByteSizeSyntax.EXPECTED);
    }

    /** A constant of {@code type}, written in any case. */
    static <E extends Enum<E>> ValueType<E> enumOf(Class<E> type) {
        return t -> {
            try {
                return Enum.valueOf(type, t.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be one of " + Arrays.stream(type.getEnumConstants())
                        .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
            }
        };
    }

    /** An absolute URI with a host, e.g. {@code http://127.0.0.1:18081}. */
    static ValueType<URI> uri() {
        return t -> {
            try {
                URI uri = new URI(t.trim());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("is not a URL: it needs a scheme and a host, e.g. http://127.0.0.1:18081");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("is not a URL: " + e.getReason());
            }
        };
    }

    /** Comma-separated values, blanks around each removed and empty ones dropped. */
    static <E> ValueType<List<E>> list(ValueType<E> element) {
        return t -> Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(element::parse).toList();
    }

    /** The type reading values with {@code parseOrNull}, which returns null for text that is not one: then {@code expected}. */
    private static <T> ValueType<T> explained(Function<String, T> parseOrNull, String expected) {
        return t -> {
            T value = parseOrNull.apply(t);
            if (value == null) {
                throw new IllegalArgumentException(expected);
            }
            return value;
        };
    }

    private static <T> T wholeNumber(String text, Function<String, T> parser) {
        try {
            return parser.apply(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
