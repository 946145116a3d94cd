package io.tributary.scheduler.job;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The jobs the scheduler runs: lakehouse-job's batch commands. A dated job works on one day ({@code --date}); on its
 * schedule it gets the day that just ended.
 */
public enum ScheduledJob {
    DAILY_SALES("daily-sales", true, "0 30 0 * * ?",
            "orders, units and revenue per category of the day -> gold.daily_sales and serving.daily_sales"),
    VALIDATE("validate", true, "0 0 1 * * ?",
            "row counts, required columns, unique keys and ranges of the day -> gold.validation_results"),
    MAINTAIN("maintain", false, "0 0 3 * * ?", "OPTIMIZE, tombstone purge and VACUUM of every lake table");

    private final String id;
    private final boolean dated;
    private final String defaultCron;
    private final String description;

    ScheduledJob(String id, boolean dated, String defaultCron, String description) {
        this.id = id;
        this.dated = dated;
        this.defaultCron = defaultCron;
        this.description = description;
    }

    /** The name users type and the store keeps: {@code daily-sales}. */
    public String id() {
        return id;
    }

    public boolean dated() {
        return dated;
    }

    public String defaultCron() {
        return defaultCron;
    }

    public String description() {
        return description;
    }

    /** The command line of its run: {@code daily-sales --date 2026-12-06}, {@code maintain}. */
    public List<String> arguments(LocalDate date) {
        if (dated && date == null) {
            throw new IllegalArgumentException(id + " works on one day: give it --date YYYY-MM-DD");
        }
        return dated ? List.of(id, "--date", date.toString()) : List.of(id);
    }

    /** The day a scheduled run works on: the day before {@code fireTime} in {@code zone}, the one that just ended. */
    public static LocalDate dayJustEnded(Instant fireTime, ZoneId zone) {
        return LocalDate.ofInstant(fireTime, zone).minusDays(1);
    }

    public static Optional<ScheduledJob> find(String id) {
        return Arrays.stream(values()).filter(j -> j.id.equals(id)).findFirst();
    }

    /** The job named {@code id}; an error listing the jobs otherwise. */
    public static ScheduledJob named(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown job '" + id + "': the jobs are "
                + String.join(", ", Arrays.stream(values()).map(ScheduledJob::id).toList())));
    }
}
