package io.tributary.lakehouse.parking;

import java.time.Duration;
import java.time.Instant;

/**
 * Refuses a replay that reaches back past the tombstone purge horizon: a change older than the horizon may find its
 * key's tombstone already purged, and an old insert would then bring a deleted row back.
 */
public final class ReplayHorizon {

    private ReplayHorizon() {
    }

    /**
     * @param oldestRecord the oldest record the replay carries (its Kafka timestamp: when it was captured)
     * @param retention    the tombstone retention ({@code TRIBUTARY_LAKEHOUSE_TOMBSTONE_RETENTION}); zero keeps them
     * @throws ReplayTooOldException when the replay reaches past the horizon
     */
    public static void check(String table, Instant oldestRecord, Instant now, Duration retention) {
        if (retention.isZero() || oldestRecord == null) {
            return;
        }
        Instant horizon = now.minus(retention);
        if (oldestRecord.isBefore(horizon)) {
            throw new ReplayTooOldException("the parked records of " + table + " reach back to " + oldestRecord
                    + ", past the tombstone purge horizon " + horizon + " (TRIBUTARY_LAKEHOUSE_TOMBSTONE_RETENTION="
                    + retention.toDays() + "d): replaying them could bring deleted rows back. Re-snapshot the table"
                    + " instead (docs/lakehouse-job.md, 'Tombstones and the purge horizon'), or, if no row of it was"
                    + " deleted since, raise the retention for the resume.");
        }
    }

    /** A replay the purge horizon does not allow. */
    public static final class ReplayTooOldException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ReplayTooOldException(String message) {
            super(message);
        }
    }
}
