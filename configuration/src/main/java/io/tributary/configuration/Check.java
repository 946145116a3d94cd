package io.tributary.configuration;

import java.time.Duration;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * A validation of a parsed value: {@code null} when it holds, else what is wrong, e.g.
 * {@code must be between 1 and 65535}.
 *
 * @param <T> the type of the value
 */
@FunctionalInterface
public interface Check<T> {

    /** A lower-case PostgreSQL identifier ({@code [a-z_][a-z0-9_]*}): slot, publication and schema names. */
    Check<String> IDENTIFIER = matches("[a-z_][a-z0-9_]*", "a lower-case PostgreSQL identifier ([a-z_][a-z0-9_]*)");

    String problem(T value);

    static <N extends Number> Check<N> between(long min, long max) {
        return n -> n.longValue() < min || n.longValue() > max ? "must be between " + min + " and " + max : null;
    }

    static <N extends Number> Check<N> atLeast(long min) {
        return n -> n.longValue() < min ? "must be at least " + min : null;
    }

    static Check<Duration> atLeast(Duration min) {
        return d -> d.compareTo(min) < 0 ? "must be at least " + DurationSyntax.format(min) : null;
    }

    static Check<Duration> positive() {
        return d -> d.isZero() || d.isNegative() ? "must be positive" : null;
    }

    static Check<Duration> notNegative() {
        return d -> d.isNegative() ? "must not be negative" : null;
    }

    static Check<String> notBlank() {
        return s -> s.isBlank() ? "must not be empty" : null;
    }

    /** The whole text matches {@code regex}; else {@code must be <what>}. */
    static Check<String> matches(String regex, String what) {
        Pattern pattern = Pattern.compile(regex);
        return s -> pattern.matcher(s).matches() ? null : "must be " + what;
    }

    /** Every element of a list passes {@code each}; an empty list fails with {@code must name at least one value}. */
    static <E> Check<java.util.List<E>> eachAndNotEmpty(Check<E> each) {
        return list -> {
            if (list.isEmpty()) {
                return "must name at least one value";
            }
            for (E e : list) {
                String p = each.problem(e);
                if (p != null) {
                    return "'" + e + "' " + p;
                }
            }
            return null;
        };
    }

    /** Comma-separated {@code host:port} pairs, e.g. a Kafka bootstrap list. */
    static Check<String> hostPortList() {
        return text -> {
            for (String hostPort : text.split(",")) {
                int colon = hostPort.lastIndexOf(':');
                String port = colon <= 0 ? "" : hostPort.substring(colon + 1).trim();
                if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
                    return "must be host:port[,host:port...]; '" + hostPort.trim() + "' is not host:port";
                }
            }
            return null;
        };
    }

    /** An {@code http://} or {@code https://} URL. */
    static Check<java.net.URI> http() {
        return uri -> "http".equals(uri.getScheme()) || "https".equals(uri.getScheme()) ? null
                : "must be an http:// or https:// URL with a host";
    }

    static <T> Check<T> oneOf(Collection<T> allowed) {
        return v -> allowed.contains(v) ? null : "must be one of " + allowed;
    }
}
