package io.tributary.simulator.load;

import java.time.Duration;

/** Outcome of loading one table. */
public record LoadResult(String table, Status status, long rows, Duration elapsed) {

    public enum Status { LOADED, SKIPPED_EXISTS }

    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : rows / seconds;
    }
}
