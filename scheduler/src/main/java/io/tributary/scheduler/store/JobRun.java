package io.tributary.scheduler.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One row of {@code scheduler.job_runs}: a run of a job, from its start to its end.
 *
 * @param date        the day a daily job worked on; null for {@code maintain}
 * @param requestedBy {@code schedule}, {@code run} or {@code backfill}, with {@code (recovered)} when a scheduler took
 *                    over the run of one that died
 * @param scheduledAt when the run was due (a schedule's fire time, a request's time)
 * @param exitCode    the process's exit code, null while it runs
 * @param lastLines   the last lines the process wrote, null while it runs
 */
public record JobRun(long id, String job, LocalDate date, String requestedBy, String requestId, Instant scheduledAt,
        Instant startedAt, Instant endedAt, Integer exitCode, RunOutcome outcome, String instance, String lastLines) {

    public Optional<Duration> duration() {
        return endedAt == null ? Optional.empty() : Optional.of(Duration.between(startedAt, endedAt));
    }

    /** {@code daily-sales 2026-12-06}, {@code maintain}. */
    public String describe() {
        return date == null ? job : job + " " + date;
    }
}
