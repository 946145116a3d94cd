package io.tributary.simulator.run;

import java.time.Duration;

/**
 * When the schema changes of a run are due. With a duration, step k of n is due at k/(n+1) of it;
 * with a change budget, at k/(n+1) of the changes; with neither (run until stopped), one step every
 * {@code interval}. Pure.
 */
public record SchemaChangeSchedule(int steps, Duration duration, long maxChanges, Duration interval) {

    /** How many steps should have been applied once {@code elapsed} time and {@code changes} have passed. */
    public int due(Duration elapsed, long changes) {
        double progress;
        if (duration != null) {
            progress = (double) elapsed.toNanos() / duration.toNanos();
        } else if (maxChanges > 0) {
            progress = (double) changes / maxChanges;
        } else {
            return (int) Math.min(steps, elapsed.toNanos() / interval.toNanos());
        }
        return (int) Math.min(steps, Math.floor(progress * (steps + 1)));
    }
}
