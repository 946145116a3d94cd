package io.tributary.scheduler.cli;

import io.tributary.scheduler.job.ScheduledJob;
import io.tributary.scheduler.store.JobRun;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** What {@code schedule list} prints: each job's schedule as the store holds it, then the latest runs. Pure. */
final class ScheduleListing {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * One job as the store holds it.
     *
     * @param cron     null when it runs on request only
     * @param zone     the schedule's time zone, null without one
     * @param nextRun  null when none is due
     */
    record JobRow(ScheduledJob job, String cron, String zone, Instant nextRun, Instant previousRun) {
    }

    private ScheduleListing() {
    }

    static List<String> lines(List<JobRow> jobs, List<JobRun> runs, ZoneId zone) {
        List<String> out = new ArrayList<>();
        out.add(String.format("%-12s %-20s %-10s %-21s %s", "JOB", "SCHEDULE", "ZONE", "NEXT RUN", "PREVIOUS RUN"));
        for (JobRow row : jobs) {
            out.add(String.format("%-12s %-20s %-10s %-21s %s", row.job().id(), row.cron() == null ? "(on request)"
                    : row.cron(), row.zone() == null ? "-" : row.zone(), time(row.nextRun(), zone),
                    time(row.previousRun(), zone)));
        }
        out.add("");
        if (runs.isEmpty()) {
            out.add("No run recorded yet (scheduler.job_runs is empty).");
            return out;
        }
        out.add("Latest runs (times in " + zone + "):");
        out.add(String.format("%6s %-12s %-10s %-20s %-19s %8s %-11s %4s", "RUN", "JOB", "DATE", "REQUESTED BY",
                "STARTED", "TOOK", "OUTCOME", "EXIT"));
        for (JobRun run : runs) {
            out.add(String.format("%6d %-12s %-10s %-20s %-19s %8s %-11s %4s", run.id(), run.job(),
                    run.date() == null ? "-" : run.date().toString(), run.requestedBy(), time(run.startedAt(), zone),
                    run.duration().map(ScheduleListing::took).orElse("-"), run.outcome().text(),
                    run.exitCode() == null ? "-" : run.exitCode().toString()).stripTrailing());
        }
        return out;
    }

    static String time(Instant instant, ZoneId zone) {
        return instant == null ? "-" : TIME.format(instant.atZone(zone));
    }

    /** {@code 850ms}, {@code 12s}, {@code 3m05s}, {@code 2h07m}. */
    static String took(Duration d) {
        long s = d.toSeconds();
        if (s < 1) {
            return d.toMillis() + "ms";
        }
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
