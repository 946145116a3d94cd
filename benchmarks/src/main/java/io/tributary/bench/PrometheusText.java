package io.tributary.bench;

/**
 * Reads values out of a Prometheus text exposition (what every Tributary service serves at {@code /metrics}).
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of every sample of {@code metric} (all label sets), or 0 when the metric is absent. Only samples named
     * exactly {@code metric} count: {@code foo_total} does not match {@code foo_total_seconds}.
     */
    public static double sum(String exposition, String metric) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#' || !line.startsWith(metric)) {
                continue;
            }
            int end = metric.length();
            if (line.length() == end) {
                continue;
            }
            char next = line.charAt(end);
            if (next != ' ' && next != '{') {
                continue;
            }
            String value = line.substring(line.lastIndexOf(' ') + 1).trim();
            double parsed = Double.parseDouble(value);
            if (!Double.isNaN(parsed)) {
                total += parsed;
            }
        }
        return total;
    }

    /** The largest sample of {@code metric} over its label sets, or NaN when it is absent. */
    public static double max(String exposition, String metric) {
        double best = Double.NaN;
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#' || !line.startsWith(metric) || line.length() == metric.length()) {
                continue;
            }
            char next = line.charAt(metric.length());
            if (next != ' ' && next != '{') {
                continue;
            }
            double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            if (Double.isNaN(best) || v > best) {
                best = v;
            }
        }
        return best;
    }

    /** The smallest sample of {@code metric} over its label sets, or NaN when it is absent. */
    public static double min(String exposition, String metric) {
        double best = Double.NaN;
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#' || !line.startsWith(metric) || line.length() == metric.length()) {
                continue;
            }
            char next = line.charAt(metric.length());
            if (next != ' ' && next != '{') {
                continue;
            }
            double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            if (Double.isNaN(best) || v < best) {
                best = v;
            }
        }
        return best;
    }
}
