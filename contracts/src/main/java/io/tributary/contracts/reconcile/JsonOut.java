package io.tributary.contracts.reconcile;

import java.util.List;

/** Writes compact JSON, fields in the order given. Only what the report needs: objects, string arrays, scalars. */
final class JsonOut {

    private final StringBuilder out = new StringBuilder(512);
    private boolean first = true;

    JsonOut begin() {
        comma();
        out.append('{');
        first = true;
        return this;
    }

    JsonOut begin(String name) {
        key(name);
        out.append('{');
        first = true;
        return this;
    }

    JsonOut end() {
        out.append('}');
        first = false;
        return this;
    }

    JsonOut beginArray(String name) {
        key(name);
        out.append('[');
        first = true;
        return this;
    }

    JsonOut endArray() {
        out.append(']');
        first = false;
        return this;
    }

    JsonOut field(String name, String value) {
        key(name);
        string(value);
        return this;
    }

    JsonOut field(String name, long value) {
        key(name);
        out.append(value);
        return this;
    }

    JsonOut field(String name, boolean value) {
        key(name);
        out.append(value);
        return this;
    }

    JsonOut nullField(String name) {
        key(name);
        out.append("null");
        return this;
    }

    JsonOut strings(String name, List<String> values) {
        beginArray(name);
        for (String v : values) {
            comma();
            string(v);
        }
        return endArray();
    }

    private void key(String name) {
        comma();
        string(name);
        out.append(':');
    }

    private void comma() {
        if (!first) {
            out.append(',');
        }
        first = false;
    }

    private void string(String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
