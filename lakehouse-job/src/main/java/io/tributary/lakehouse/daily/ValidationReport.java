package io.tributary.lakehouse.daily;

import java.util.List;

/** Every check of one {@code validate} run for one day, and what the run exits with. */
public record ValidationReport(BusinessDay day, List<CheckResult> checks) {

    /** The exit code of a run whose checks did not all pass. */
    public static final int EXIT_CHECK_FAILED = 3;

    public ValidationReport {
        checks = List.copyOf(checks);
    }

    public List<CheckResult> failed() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    public int exitCode() {
        return failed().isEmpty() ? 0 : EXIT_CHECK_FAILED;
    }

    /** One line per check, then the verdict naming every failed check. */
    public String toText() {
        StringBuilder s = new StringBuilder();
        for (CheckResult c : checks) {
            s.append(c.describe()).append('\n');
        }
        List<CheckResult> failed = failed();
        if (failed.isEmpty()) {
            s.append("validate ").append(day).append(": all ").append(checks.size()).append(" checks passed\n");
        } else {
            s.append("validate ").append(day).append(": ").append(failed.size()).append(" of ").append(checks.size())
                    .append(" checks FAILED: ")
                    .append(String.join(", ", failed.stream().map(CheckResult::check).toList())).append('\n');
        }
        return s.toString();
    }
}
