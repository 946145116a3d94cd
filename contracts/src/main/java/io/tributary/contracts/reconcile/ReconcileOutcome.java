package io.tributary.contracts.reconcile;

import java.util.Locale;

/** The verdict of {@code reconcile}: its label in the JSON report and the exit code that says it. */
public enum ReconcileOutcome {
    /** every table equal, none parked */
    EQUAL(0),
    /** some tables parked (their changes held back until resumed), every other table equal: not complete, no loss */
    PARKED(4),
    /** a table that is not parked differs, or silver has a table PostgreSQL does not */
    DIFFERENT(3);

    private final int exitCode;

    ReconcileOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** {@code equal}, {@code parked} or {@code different}, as the JSON report spells it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether reconcile ended with a verdict (equal, parked, different) rather than failing. */
    public static boolean isVerdict(int exitCode) {
        for (ReconcileOutcome o : values()) {
            if (o.exitCode == exitCode) {
                return true;
            }
        }
        return false;
    }

    /** The outcome labelled {@code label}; an unknown label is an error naming the known ones. */
    public static ReconcileOutcome ofLabel(String label) {
        for (ReconcileOutcome o : values()) {
            if (o.label().equals(label)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown reconcile outcome '" + label + "'; expected equal, parked or different");
    }
}
