package io.tributary.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When each closed gold window became final in PostgreSQL's serving schema. The gold query closes every window whose
 * end its watermark (the latest {@code ordered_at} seen minus the watermark delay) has passed, and records each batch
 * in {@code serving.gold_progress} (batch id, watermark, {@code updated_at}) in the transaction that writes the
 * windows. A window ending at {@code m} is therefore visible and final at the {@code updated_at} of the first recorded
 * batch whose watermark is at or after {@code m}; its latency is that time minus {@code m}, to be compared with the
 * watermark delay plus the target's slack (docs/gold.md).
 */
final class GoldServingLatency {

    /** One row of {@code serving.gold_progress} as polled: a batch, its watermark (null before any) and commit time. */
    record Progress(long batchId, Instant watermark, Instant updatedAt) {
    }

    /** A window end and when the batch that closed it was committed. */
    record Closed(Instant windowEnd, Instant visibleAt) {
        double seconds() {
            return Duration.between(windowEnd, visibleAt).toMillis() / 1000.0;
        }
    }

    private GoldServingLatency() {
    }

    /**
     * The windows of {@code window} length ending after {@code from} and at most at {@code to}, each with the first
     * progress (in polling order) whose watermark reached its end; windows no recorded watermark reached are left out.
     */
    static List<Closed> closed(List<Progress> progress, Instant from, Instant to, Duration window) {
        long step = window.toMillis();
        List<Closed> out = new ArrayList<>();
        for (long end = (from.toEpochMilli() / step + 1) * step; end <= to.toEpochMilli(); end += step) {
            Instant m = Instant.ofEpochMilli(end);
            progress.stream().filter(p -> p.watermark() != null && !p.watermark().isBefore(m)).findFirst()
                    .ifPresent(p -> out.add(new Closed(m, p.updatedAt())));
        }
        return out;
    }
}
