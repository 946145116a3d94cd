package io.tributary.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-change freshness (commit in PostgreSQL -> visible in silver) from what the lakehouse job publishes after each
 * micro-batch: when the batch became visible and the newest source commit time it applied.
 *
 * <p>The changes a batch makes visible were committed after the previous batch's newest commit and up to this batch's
 * newest commit. The simulator commits at a steady pace, so they are taken as spread evenly over that interval: a
 * change committed at t has freshness {@code visibleAt - t}. Each batch contributes {@value #POINTS_PER_BATCH} evenly
 * spaced points weighted by its row count. The first batch observed has no lower bound and is left out.
 */
public final class FreshnessModel {

    static final int POINTS_PER_BATCH = 20;

    /** A batch as observed: visible at (epoch ms), newest source commit applied (epoch ms), rows read. */
    public record Batch(long visibleAtMs, long newestSourceMs, long rows) {
    }

    private FreshnessModel() {
    }

    public static List<Percentiles.Weighted> samples(List<Batch> batches) {
        List<Percentiles.Weighted> out = new ArrayList<>();
        for (int i = 1; i < batches.size(); i++) {
            Batch prev = batches.get(i - 1);
            Batch b = batches.get(i);
            long lower = prev.newestSourceMs();
            long upper = b.newestSourceMs();
            if (b.rows() <= 0 || upper <= lower) {
                continue;
            }
            double weight = (double) b.rows() / POINTS_PER_BATCH;
            for (int k = 0; k < POINTS_PER_BATCH; k++) {
                double committedAt = lower + (k + 0.5) / POINTS_PER_BATCH * (upper - lower);
                out.add(new Percentiles.Weighted((b.visibleAtMs() - committedAt) / 1000.0, weight));
            }
        }
        return out;
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
