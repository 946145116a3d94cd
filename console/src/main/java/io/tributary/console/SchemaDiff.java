package io.tributary.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The field-by-field difference between two versions of a schema ({@link AvroFields} of each): every field of either
 * with its type in both and what happened to it: {@code added}, {@code removed}, {@code changed} or {@code same}.
 * Pure.
 */
final class SchemaDiff {

    /** One field: its type in the older and the newer version (null where it does not exist) and the change. */
    record Field(String path, String from, String to, String change) {
    }

    private SchemaDiff() {
    }

    /** The fields of {@code to} in its order, each removed field after the field it followed in {@code from}. */
    static List<Field> between(Map<String, String> from, Map<String, String> to) {
        Map<String, Field> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : to.entrySet()) {
            String was = from.get(e.getKey());
            String change = was == null ? "added" : Objects.equals(was, e.getValue()) ? "same" : "changed";
            result.put(e.getKey(), new Field(e.getKey(), was, e.getValue(), change));
        }
        List<Field> ordered = new ArrayList<>(result.values());
        String previous = null;
        for (Map.Entry<String, String> e : from.entrySet()) {
            if (!to.containsKey(e.getKey())) {
                int at = previous == null ? 0 : indexOf(ordered, previous) + 1;
                ordered.add(at, new Field(e.getKey(), e.getValue(), null, "removed"));
            }
            previous = e.getKey();
        }
        return ordered;
    }

    private static int indexOf(List<Field> fields, String path) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).path().equals(path)) {
                return i;
            }
        }
        return fields.size() - 1;
    }
}
