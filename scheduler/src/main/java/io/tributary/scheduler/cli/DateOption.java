package io.tributary.scheduler.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A day given on the command line ({@code --date 2026-12-06}); an error naming the option otherwise. */
final class DateOption {
    private DateOption() {
    }

    static LocalDate parse(String option, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " " + text + " is not a day: write YYYY-MM-DD, e.g. 2026-12-06");
        }
    }
}
