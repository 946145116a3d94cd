package io.tributary.lakehouse.gold;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one batch did to the windows.
 *
 * @param windows         every fixed window (tumbling, sliding) the batch changed, with its new absolute totals (zero:
 *                        the window is empty now and its row goes away); writing them is idempotent
 * @param late            the contributions that met a closed fixed window
 * @param lateChanges     changes with at least one late contribution (fixed windows or sessions)
 * @param duplicates      changes already applied (same order, same source position), skipped
 * @param watermarkBefore the watermark the batch's changes were judged by (null before the first batch)
 * @param watermarkAfter  the watermark after the batch: windows ending at or before it are closed
 * @param closedWindows   fixed windows the new watermark closed (their rows are final)
 * @param sessions        every customer session the batch changed: absolute totals, zero for a session gone (merged
 *                        into another, split or emptied); one entry per customer and session start
 * @param lateSessions    the session points that were before the watermark, kept and not applied
 * @param closedSessions  sessions the new watermark closed
 * @param abandoned       orders found abandoned by the new watermark
 * @param enriched        every applied (not replayed) order change with its customer and product, in source order
 * @param recategorized   order contributions moved to their product's new category (a product seen for the first
 *                        time after its orders, or whose category changed); those in closed minutes are in
 *                        {@code late} as a retraction and an addition
 */
public record BatchOutcome(Map<WindowKey, Totals> windows, List<LateChange> late, long lateChanges, long duplicates,
                           Instant watermarkBefore, Instant watermarkAfter, int closedWindows,
                           Map<WindowKey, Totals> sessions, List<LateChange> lateSessions, int closedSessions,
                           List<AbandonedOrder> abandoned, List<EnrichedOrder> enriched, int recategorized) {

    /** The changed rows of every windowed table: the fixed windows', then the sessions'. */
    public Map<WindowKey, Totals> allWindows() {
        Map<WindowKey, Totals> all = new LinkedHashMap<>(windows);
        all.putAll(sessions);
        return all;
    }
}
