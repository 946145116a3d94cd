package io.tributary.contracts.prometheus;

/**
 * Writes the Prometheus text exposition format (version 0.0.4) that {@link PrometheusText} reads: a family's
 * {@code # HELP} and {@code # TYPE} lines, then its samples. Label values are escaped (backslash, quote, newline);
 * infinities are written {@code +Inf}/{@code -Inf}. Not thread-safe: one per rendering.
 */
public final class PrometheusWriter {

    private final StringBuilder out;

    public PrometheusWriter() {
        this(new StringBuilder(1024));
    }

    /** Appends to {@code out} (a rendering shared with code that writes its own lines). */
    public PrometheusWriter(StringBuilder out) {
        this.out = out;
    }

    /** The {@code # HELP} and {@code # TYPE} lines of a family ({@code counter}, {@code gauge}, {@code histogram}, {@code summary}). */
    public PrometheusWriter family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** A counter family with its one unlabelled sample. */
    public PrometheusWriter counter(String name, String help, long value) {
        return family(name, "counter", help).sample(name, value);
    }

    /** A gauge family with its one unlabelled sample. */
    public PrometheusWriter gauge(String name, String help, long value) {
        return family(name, "gauge", help).sample(name, value);
    }

    /** A gauge family with its one unlabelled sample. */
    public PrometheusWriter gauge(String name, String help, double value) {
        return family(name, "gauge", help).sample(name, value);
    }

    /** A sample; {@code labels} are name, value pairs: {@code sample("x_total", 3, "table", "orders", "op", "c")}. */
    public PrometheusWriter sample(String name, long value, String... labels) {
        labels(name, labels).append(' ').append(value).append('\n');
        return this;
    }

    /** A sample; {@code labels} are name, value pairs. */
    public PrometheusWriter sample(String name, double value, String... labels) {
        labels(name, labels).append(' ').append(value(value)).append('\n');
        return this;
    }

    private StringBuilder labels(String name, String[] labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels of " + name + " must be name, value pairs: " + labels.length
                    + " strings given");
        }
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                out.append(i == 0 ? "" : ",").append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
            }
            out.append('}');
        }
        return out;
    }

    /** A sample value as the format spells it: {@code +Inf}, {@code -Inf}, {@code NaN}, else Java's shortest form. */
    public static String value(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return String.valueOf(value);
    }

    /** A label value with backslash, double quote and newline escaped. */
    public static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
