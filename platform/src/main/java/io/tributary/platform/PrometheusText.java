package io.tributary.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** A scrape of a Prometheus text endpoint (exposition format 0.0.4), reduced to what the CLI reads. Pure. */
record PrometheusText(List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static final PrometheusText EMPTY = new PrometheusText(List.of());

    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space;
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < line.indexOf(' ')) {
                int close = line.lastIndexOf('}');
                if (close < brace) {
                    continue;
                }
                name = line.substring(0, brace);
                parseLabels(line.substring(brace + 1, close), labels);
                space = close + 1;
            } else {
                space = line.indexOf(' ');
                if (space < 0) {
                    continue;
                }
                name = line.substring(0, space);
            }
            String[] rest = line.substring(space).strip().split("\\s+");
            try {
                samples.add(new Sample(name, Map.copyOf(labels), Double.parseDouble(rest[0])));
            } catch (NumberFormatException e) {
                // NaN/Inf spellings Java does not read are skipped: the CLI only sums counters and reads gauges
            }
        }
        return new PrometheusText(List.copyOf(samples));
    }

    private static void parseLabels(String body, Map<String, String> labels) {
        int i = 0;
        while (i < body.length()) {
            int eq = body.indexOf('=', i);
            if (eq < 0 || eq + 1 >= body.length() || body.charAt(eq + 1) != '"') {
                return;
            }
            String key = body.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (j < body.length() && body.charAt(j) != '"') {
                char c = body.charAt(j);
                if (c == '\\' && j + 1 < body.length()) {
                    char n = body.charAt(++j);
                    value.append(n == 'n' ? '\n' : n);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            while (i < body.length() && (body.charAt(i) == ',' || body.charAt(i) == ' ')) {
                i++;
            }
        }
    }

    /** Sum of every sample of {@code name} (all label sets); 0 when absent. */
    double sum(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
    }

    /** The value of an unlabelled gauge, if present. */
    OptionalDouble value(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).findFirst();
    }

    OptionalDouble max(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).max();
    }

    /** Sum of {@code name} grouped by one label. */
    Map<String, Double> sumBy(String name, String label) {
        Map<String, Double> result = new LinkedHashMap<>();
        samples.stream().filter(s -> s.name().equals(name))
                .forEach(s -> result.merge(s.labels().getOrDefault(label, ""), s.value(), Double::sum));
        return result;
    }

    boolean isEmpty() {
        return samples.isEmpty();
    }
}
