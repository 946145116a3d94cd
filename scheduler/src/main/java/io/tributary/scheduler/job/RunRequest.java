package io.tributary.scheduler.job;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A run asked for outside the schedule ({@code schedule run}, one day of a backfill): what the request's trigger
 * carries in the store (text only) and how its run is found again in {@code scheduler.job_runs}.
 *
 * @param date        the day to work on; null for {@code maintain}
 * @param requestedBy {@code run} or {@code backfill}
 */
public record RunRequest(String id, LocalDate date, String requestedBy) {
    static final String ID = "request-id";
    static final String DATE = "date";
    static final String REQUESTED_BY = "requested-by";

    public static RunRequest of(LocalDate date, String requestedBy) {
        return new RunRequest(UUID.randomUUID().toString(), date, requestedBy);
    }

    /** The trigger's job data. */
    public Map<String, String> data() {
        return date == null ? Map.of(ID, id, REQUESTED_BY, requestedBy)
                : Map.of(ID, id, DATE, date.toString(), REQUESTED_BY, requestedBy);
    }

    /** The request a fired trigger carries; empty for a trigger of the schedule. */
    public static Optional<RunRequest> from(Map<String, ?> data) {
        Object id = data.get(ID);
        if (id == null) {
            return Optional.empty();
        }
        Object date = data.get(DATE);
        Object by = data.get(REQUESTED_BY);
        return Optional.of(new RunRequest(id.toString(), date == null ? null : LocalDate.parse(date.toString()),
                by == null ? "run" : by.toString()));
    }
}
