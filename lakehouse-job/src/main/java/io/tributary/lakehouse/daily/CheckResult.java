package io.tributary.lakehouse.daily;

import java.util.Objects;

/**
 * The outcome of one validation check, as written to {@code gold.validation_results}.
 *
 * @param check    the check's name, e.g. {@code daily_sales.units not null}: what a failure message names
 * @param passed   whether it held
 * @param observed what was found
 * @param expected what it had to be
 * @param detail   how it was measured, and on failure what to look at
 */
public record CheckResult(String check, boolean passed, String observed, String expected, String detail) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
    }

    /** Passes when {@code observed} equals {@code expected}. */
    public static CheckResult equal(String check, long observed, long expected, String detail) {
        return new CheckResult(check, observed == expected, Long.toString(observed), Long.toString(expected), detail);
    }

    /** Passes when no row breaks the rule: {@code offending} rows were found. */
    public static CheckResult none(String check, long offending, String detail) {
        return new CheckResult(check, offending == 0, offending + " rows", "0 rows", detail);
    }

    /** Passes when {@code rows} is at least {@code minimum}. */
    public static CheckResult atLeast(String check, long rows, long minimum, String detail) {
        return new CheckResult(check, rows >= minimum, rows + " rows", ">= " + minimum + " rows", detail);
    }

    public String describe() {
        return check + ": " + (passed ? "pass" : "FAIL") + " (observed " + observed + ", expected " + expected + ")"
                + (detail == null || detail.isEmpty() ? "" : "; " + detail);
    }
}
