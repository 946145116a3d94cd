package io.tributary.scheduler.cli;

import io.tributary.scheduler.job.ScheduledJob;
import io.tributary.scheduler.store.JobRun;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The runs of a backfill: one per day from {@code --from} to {@code --to}, oldest first. Pure. */
record BackfillPlan(ScheduledJob job, List<LocalDate> days) {
    static final int MAX_DAYS = 366;

    BackfillPlan {
        days = List.copyOf(days);
    }

    static BackfillPlan of(ScheduledJob job, LocalDate from, LocalDate to) {
        if (!job.dated()) {
            throw new IllegalArgumentException(job.id() + " works on the whole lake, not on a day: run it once with"
                    + " `tributary schedule run " + job.id() + "`");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--from " + from + " is after --to " + to + ": give the first day first");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw new IllegalArgumentException("--from " + from + " --to " + to + " spans " + days + " days; a backfill"
                    + " takes at most " + MAX_DAYS + ": split it");
        }
        return new BackfillPlan(job, from.datesUntil(to.plusDays(1)).toList());
    }

    /** What to say when the run of {@code failed} ended otherwise than succeeded: the backfill stops there. */
    List<String> stoppedAt(JobRun failed) {
        LocalDate day = failed.date();
        int index = days.indexOf(day);
        List<LocalDate> done = days.subList(0, Math.max(0, index));
        List<LocalDate> notRun = days.subList(Math.min(days.size(), index + 1), days.size());
        List<String> lines = new ArrayList<>();
        lines.add("backfill of " + job.id() + " stopped at " + day + ": the run " + failed.outcome().text()
                + (failed.exitCode() == null ? "" : " with exit code " + failed.exitCode()) + " (run " + failed.id() + ").");
        lines.add("  done: " + (done.isEmpty() ? "none" : range(done)) + "; not run: " + (notRun.isEmpty() ? "none" : range(notRun)));
        if (failed.lastLines() != null && !failed.lastLines().isBlank()) {
            lines.add("  its last lines:");
            failed.lastLines().lines().forEach(l -> lines.add("    " + l));
        }
        lines.add("  When the cause is fixed, go on with: tributary schedule backfill " + job.id() + " --from " + day
                + " --to " + days.get(days.size() - 1));
        return lines;
    }

    private static String range(List<LocalDate> days) {
        return days.size() == 1 ? days.get(0).toString() : days.get(0) + " .. " + days.get(days.size() - 1)
                + " (" + days.size() + " days)";
    }
}
