package io.tributary.lakehouse.gold;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one batch did to the windows.
 *
 * @param windows         every window the batch changed, with its new absolute totals (zero: the window is empty
 *                        now and its row goes away); writing them is idempotent
 * @param late            the contributions that met a closed window
 * @param lateChanges     changes with at least one late contribution
 * @param duplicates      changes already applied (same order, same source position), skipped
 * @param watermarkBefore the watermark the batch's changes were judged by (null before the first batch)
 * @param watermarkAfter  the watermark after the batch: windows ending at or before it are closed
 * @param closedWindows   windows the new watermark closed (their rows are final)
 */
public record BatchOutcome(Map<WindowKey, Totals> windows, List<LateChange> late, long lateChanges, long duplicates,
                           Instant watermarkBefore, Instant watermarkAfter, int closedWindows) {
}
