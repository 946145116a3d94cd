package io.tributary.scheduler.store;

import java.util.Objects;

/**
 * What starting a scheduler does to a job's schedule in the store. A schedule already there as configured is kept
 * untouched: replacing it would forget a run it missed while no scheduler ran, which must still run once.
 */
public enum ScheduleChange {
    /** configured and stored alike */
    KEEP,
    /** configured, not stored yet */
    ADD,
    /** stored with another expression or time zone */
    REPLACE,
    /** stored, no longer configured */
    REMOVE,
    /** neither */
    NONE;

    /**
     * @param storedCron null when the store holds no schedule for the job
     * @param wantedCron null when the configuration gives none
     */
    public static ScheduleChange decide(String storedCron, String storedZone, String wantedCron, String wantedZone) {
        if (wantedCron == null) {
            return storedCron == null ? NONE : REMOVE;
        }
        if (storedCron == null) {
            return ADD;
        }
        return storedCron.equals(wantedCron) && Objects.equals(storedZone, wantedZone) ? KEEP : REPLACE;
    }
}
