package io.tributary.stack;

/** The answer of a health check: healthy or not, and what was seen (for status output and timeout errors). */
public record Probe(boolean healthy, String detail) {
    public static Probe up(String detail) {
        return new Probe(true, detail);
    }

    public static Probe down(String detail) {
        return new Probe(false, detail);
    }
}
