package io.tributary.lakehouse.gold;

import java.time.Instant;

/**
 * A late contribution as gold.late_changes or gold.late_session_changes keeps it: the table, the window (for a session
 * the late point's own [time, time + gap)), the group as text and the signed delta not applied.
 */
public record LateDelta(GoldTable table, Instant windowStart, String group, Totals delta) {
}
