package io.tributary.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The lag trend of the end-to-end benchmark, from what the lakehouse job publishes after each micro-batch (when the
 * batch became visible, the newest source commit it applied): the oldest change a batch made visible waited from the
 * previous batch's newest commit. Freshness percentiles are not modelled: the job measures each change
 * ({@code tributary_lakehouse_change_freshness_seconds}).
 */
public final class BatchLag {

    /** A batch as observed: visible at (epoch ms), newest source commit applied (epoch ms), rows read. */
    public record Batch(long visibleAtMs, long newestSourceMs, long rows) {
    }

    private BatchLag() {
    }

    /** The oldest change of each batch, as (seconds since {@code originMs}, freshness in seconds): the lag trend. */
    public static List<Trend.Point> worstPerBatch(List<Batch> batches, long originMs) {
        List<Trend.Point> out = new ArrayList<>();
        for (int i = 1; i < batches.size(); i++) {
            Batch b = batches.get(i);
            if (b.rows() <= 0) {
                continue;
            }
            out.add(new Trend.Point((b.visibleAtMs() - originMs) / 1000.0,
                    (b.visibleAtMs() - batches.get(i - 1).newestSourceMs()) / 1000.0));
        }
        return out;
    }
}
