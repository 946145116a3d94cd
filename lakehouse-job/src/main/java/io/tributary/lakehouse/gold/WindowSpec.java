package io.tributary.lakehouse.gold;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Windows aligned to the epoch, as Spark's {@code window()} aligns them: a tumbling window is a sliding one whose
 * slide equals its size. An instant belongs to the windows {@code [start, start + size)} that contain it.
 */
public record WindowSpec(Duration size, Duration slide) implements Serializable {

    public WindowSpec {
        if (size.isZero() || size.isNegative() || slide.isZero() || slide.isNegative() || slide.compareTo(size) > 0) {
            throw new IllegalArgumentException("window size " + size + " and slide " + slide
                    + " must be positive, the slide at most the size");
        }
        if (size.toMillis() % slide.toMillis() != 0) {
            throw new IllegalArgumentException("window size " + size + " must be a multiple of its slide " + slide);
        }
    }

    public static WindowSpec tumbling(Duration size) {
        return new WindowSpec(size, size);
    }

    public static WindowSpec sliding(Duration size, Duration slide) {
        return new WindowSpec(size, slide);
    }

    /** The starts of the windows containing {@code t}, oldest first. */
    public List<Instant> startsOf(Instant t) {
        long slideMs = slide.toMillis();
        long ms = t.toEpochMilli();
        long latest = Math.floorDiv(ms, slideMs) * slideMs;
        long count = size.toMillis() / slideMs;
        List<Instant> starts = new ArrayList<>((int) count);
        for (long i = count - 1; i >= 0; i--) {
            starts.add(Instant.ofEpochMilli(latest - i * slideMs));
        }
        return starts;
    }
}
