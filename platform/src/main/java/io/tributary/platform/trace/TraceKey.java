package io.tributary.platform.trace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code <key>} argument of {@code trace}: one value for a one-column primary key ({@code 42}), or
 * {@code column=value} pairs separated by commas for any key ({@code order_id=42}). Matched against the decoded key of
 * a change event, whose fields are the table's primary-key columns. Pure.
 */
public record TraceKey(String text) {

    public TraceKey {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("<key> is empty: give the primary-key value (42) or column=value pairs"
                    + " (order_id=42)");
        }
    }

    /** The key columns and values this argument names, given the event key's fields; empty when it names another key. */
    public java.util.Optional<Map<String, String>> match(Map<String, String> keyFields) {
        Map<String, String> wanted = columns(keyFields);
        return wanted.equals(keyFields) ? java.util.Optional.of(wanted) : java.util.Optional.empty();
    }

    /** The argument as column -> value, naming the single key column when only a value is given. */
    Map<String, String> columns(Map<String, String> keyFields) {
        Map<String, String> wanted = new LinkedHashMap<>();
        if (!text.contains("=")) {
            if (keyFields.size() != 1) {
                throw new IllegalArgumentException("<key> '" + text + "': the table's key has the columns "
                        + keyFields.keySet() + "; give each as column=value, separated by commas");
            }
            wanted.put(keyFields.keySet().iterator().next(), text.strip());
            return wanted;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("<key> '" + text + "': '" + pair + "' is not column=value");
            }
            wanted.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        if (!wanted.keySet().equals(keyFields.keySet())) {
            throw new IllegalArgumentException("<key> '" + text + "' names the columns " + wanted.keySet()
                    + " but the table's key has the columns " + keyFields.keySet());
        }
        return wanted;
    }
}
