package io.tributary.contracts.prometheus;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads one line of the text exposition format: {@code name{label="value",...} value [timestamp]}. */
final class SampleLine {

    private SampleLine() {
    }

    /** The sample of {@code line}, or null for a comment, a blank line or a line that is not a sample. */
    static PrometheusText.Sample parse(String line) {
        if (line.isEmpty() || line.charAt(0) == '#') {
            return null;
        }
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        String name = line.substring(0, i);
        if (name.isEmpty()) {
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
            if (i < 0) {
                return null;
            }
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (rest[0].isEmpty()) {
            return null;
        }
        try {
            return new PrometheusText.Sample(name, labels, number(rest[0]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A sample value or {@code le} bound: a Go float, {@code +Inf}, {@code -Inf} or {@code NaN} included. */
    static double number(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** Reads the labels from {@code from} (just past the brace) into {@code labels}; the index past the closing brace, or -1. */
    private static int labels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (true) {
            while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
                i++;
            }
            if (i >= line.length()) {
                return -1;
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (j < line.length() && line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char escaped = line.charAt(++j);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
                j++;
            }
            if (j >= line.length()) {
                return -1;
            }
            labels.put(key, value.toString());
            i = j + 1;
        }
    }
}
