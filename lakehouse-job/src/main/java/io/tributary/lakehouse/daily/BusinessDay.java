package io.tributary.lakehouse.daily;

import io.tributary.configuration.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The day a daily job computes, in UTC: its changes are those committed in [{@link #start}, {@link #end}).
 *
 * @param date the day, as given with {@code --date}
 */
public record BusinessDay(LocalDate date) {

    /** Parses {@code --date YYYY-MM-DD}; the message says the format. */
    public static BusinessDay parse(String text) {
        try {
            return new BusinessDay(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            throw new ConfigException("--date " + text + ": not a date; write it as YYYY-MM-DD (2026-12-01), a day in"
                    + " UTC");
        }
    }

    public Instant start() {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the day: every change of the day was committed before it. */
    public Instant end() {
        return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The last instant of the day (to the microsecond, as Spark's timestamps): history "as of the end of the day". */
    public Instant lastInstant() {
        return end().minusNanos(1_000);
    }

    /** How long until the day is over at {@code now}; zero once it is. */
    public Duration untilOver(Instant now) {
        return now.isBefore(end()) ? Duration.between(now, end()) : Duration.ZERO;
    }

    /** The Spark SQL literal of the date. */
    public String sqlLiteral() {
        return "DATE '" + date + "'";
    }

    @Override
    public String toString() {
        return date.toString();
    }
}
