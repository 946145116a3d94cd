package io.tributary.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The parameters of a request's query string ({@code path=silver%2Forders%2F&max=50}), decoded; numbers checked. */
final class QueryParameters {
    private final Map<String, String> values = new HashMap<>();

    QueryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
    }

    String text(String name, String fallback) {
        String value = values.get(name);
        return value == null ? fallback : value;
    }

    OptionalLong number(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a number of 0 or more");
        }
    }

    OptionalInt smallNumber(String name, int max) {
        OptionalLong n = number(name);
        if (n.isPresent() && n.getAsLong() > max) {
            throw new IllegalArgumentException(name + "=" + n.getAsLong() + " is more than " + max);
        }
        return n.isPresent() ? OptionalInt.of((int) n.getAsLong()) : OptionalInt.empty();
    }
}
