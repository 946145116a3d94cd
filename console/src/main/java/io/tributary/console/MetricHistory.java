package io.tributary.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The console's readings of the last {@code window} (15 minutes by default) and the series its charts draw: per
 * interval between two readings the rates of written, captured, bronze and merged changes (per second; a counter that
 * went down, because its stage restarted, counts from zero), and per reading the CDC lag and the freshness.
 * Thread-safe: the sampler adds while the HTTP threads read.
 */
public final class MetricHistory {
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

    private final Duration window;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public MetricHistory(Duration window) {
        this.window = window;
    }

    public synchronized void add(Sample sample) {
        samples.addLast(sample);
        while (!samples.isEmpty() && samples.peekFirst().epochMillis() < sample.epochMillis() - window.toMillis()) {
            samples.removeFirst();
        }
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /**
     * The series as JSON: {@code t} (epoch seconds of each point), {@code written}, {@code captured}, {@code bronze},
     * {@code merged} (changes/s since the previous reading), {@code cdcLag} and {@code freshness} (seconds, null when
     * not measured). The first reading only anchors the rates: n readings give n - 1 points.
     */
    public ObjectNode seriesJson() {
        List<Sample> all = samples();
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("windowSeconds", window.toSeconds());
        ArrayNode t = root.putArray("t");
        ArrayNode written = root.putArray("written");
        ArrayNode captured = root.putArray("captured");
        ArrayNode bronze = root.putArray("bronze");
        ArrayNode merged = root.putArray("merged");
        ArrayNode lag = root.putArray("cdcLag");
        ArrayNode freshness = root.putArray("freshness");
        for (int i = 1; i < all.size(); i++) {
            Sample before = all.get(i - 1);
            Sample now = all.get(i);
            double seconds = (now.epochMillis() - before.epochMillis()) / 1000.0;
            t.add(now.epochMillis() / 1000.0);
            written.add(rate(before.written(), now.written(), seconds));
            captured.add(rate(before.captured(), now.captured(), seconds));
            bronze.add(rate(before.bronze(), now.bronze(), seconds));
            merged.add(rate(before.merged(), now.merged(), seconds));
            addOrNull(lag, now.cdcLagSeconds());
            addOrNull(freshness, now.freshnessSeconds());
        }
        return root;
    }

    /** Changes per second between two readings of a counter; after a restart (lower counter) from zero. */
    static double rate(double before, double now, double seconds) {
        if (seconds <= 0) {
            return 0;
        }
        double delta = now >= before ? now - before : now;
        return Math.round(delta / seconds * 10) / 10.0;
    }

    private static void addOrNull(ArrayNode array, OptionalDouble value) {
        if (value.isPresent()) {
            array.add(Math.round(value.getAsDouble() * 100) / 100.0);
        } else {
            array.addNull();
        }
    }

}
