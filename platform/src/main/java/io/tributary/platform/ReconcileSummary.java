package io.tributary.platform;

import io.tributary.contracts.reconcile.ReconcileJson;
import io.tributary.contracts.reconcile.ReconcileOutcome;
import io.tributary.contracts.reconcile.ReconcileResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON report of {@code reconcile --json} (read with the one codec, {@link ReconcileJson}) as the demo shows it,
 * with the captured-change counts beside it. Pure.
 *
 * @param outcome        {@code equal}, {@code parked} (tables parked, every other equal: the lake is not complete) or
 *                       {@code different}; a report without it (older reconcile) reads as equal/different
 * @param lakeOnlyTables silver tables without a PostgreSQL table (they alone make the outcome different)
 */
record ReconcileSummary(boolean equal, String outcome, boolean caughtUp, String snapshotLsn, String catchUpDetail,
        long waitMillis, long compareMillis, List<Table> tables, List<String> lakeOnlyTables) {
    /** reconcile's exit codes that are a verdict (0 is equal); anything else is a failure of reconcile itself. */
    static final int EXIT_DIFFERENT = ReconcileOutcome.DIFFERENT.exitCode();
    static final int EXIT_PARKED = ReconcileOutcome.PARKED.exitCode();
    static final String EQUAL = ReconcileOutcome.EQUAL.label();
    static final String PARKED = ReconcileOutcome.PARKED.label();
    static final String DIFFERENT = ReconcileOutcome.DIFFERENT.label();

    /**
     * @param parked  why the table is parked ("lakehouse-job since batch 12: ..."), null when it streams
     * @param problem why it could not be compared, with the statement that fixes it; empty when it was compared
     */
    record Table(String name, boolean equal, long postgresRows, long silverRows, long missing, long extra,
            long differing, long bronzeRows, List<String> firstMissing, List<String> firstExtra,
            List<String> firstDiffering, String parked, String problem) {

        String result() {
            return !problem.isEmpty() ? "NOT COMPARED" : parked != null ? "PARKED" : equal ? "equal" : "DIFFERENT";
        }
    }

    /** Whether reconcile ended with a verdict (equal, parked, different) rather than failing. */
    static boolean isVerdict(int exitCode) {
        return ReconcileOutcome.isVerdict(exitCode);
    }

    static ReconcileSummary parse(String stdout) {
        String json = stdout.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("reconcile printed no JSON report: " + stdout.strip()));
        ReconcileResult report;
        try {
            report = ReconcileJson.read(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("reconcile printed a report that is not JSON: " + e.getMessage(), e);
        }
        return of(report);
    }

    /** The summary of a report as reconcile wrote it. */
    static ReconcileSummary of(ReconcileResult report) {
        List<Table> tables = new ArrayList<>();
        for (ReconcileResult.TableResult t : report.tables()) {
            ReconcileResult.ParkedBy p = t.parked();
            String parked = p == null ? null
                    : p.stage() + (p.since().isEmpty() ? "" : " since batch " + p.since()) + ": " + p.reason();
            tables.add(new Table(t.table(), t.equal(), t.postgresRows(), t.silverRows(), t.missing(), t.extra(),
                    t.differing(), t.bronzeRows(), t.firstMissing(), t.firstExtra(), t.firstDiffering(), parked,
                    t.problem()));
        }
        return new ReconcileSummary(report.equal(), report.outcome().label(), report.caughtUp(), report.snapshotLsn(),
                report.catchUpDetail(), report.waitMillis(), report.compareMillis(), List.copyOf(tables),
                report.lakeOnlyTables());
    }

    Map<String, Long> bronzeByTable() {
        Map<String, Long> result = new TreeMap<>();
        tables.forEach(t -> result.put(t.name(), t.bronzeRows()));
        return result;
    }

    /** A table with, per table, the reconcile result and (when known) bronze rows against captured changes. */
    String render(Map<String, Long> captured) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Reconcile at LSN %s: %s; waited %.1f s for the lake, compared in %.1f s%n",
                snapshotLsn, caughtUp ? "the lake had applied everything up to it" : "THE LAKE DID NOT CATCH UP (" + catchUpDetail + ")",
                waitMillis / 1000.0, compareMillis / 1000.0));
        sb.append(String.format(Locale.ROOT, "  %-12s %9s %9s %8s %6s %9s %10s %10s  %s%n", "table", "postgres", "silver",
                "missing", "extra", "differing", "bronze", "captured", "result"));
        for (Table t : tables) {
            Long c = captured.get(t.name());
            sb.append(String.format(Locale.ROOT, "  %-12s %9d %9d %8d %6d %9d %10d %10s  %s%n", t.name(), t.postgresRows(),
                    t.silverRows(), t.missing(), t.extra(), t.differing(), t.bronzeRows(), c == null ? "-" : c.toString(),
                    t.result()));
            if (!t.problem().isEmpty()) {
                sb.append("      ").append(t.problem()).append('\n');
            }
            if (t.parked() != null) {
                sb.append("      parked in ").append(t.parked()).append(" (its changes are held back, not lost)\n");
            }
            keys(sb, "missing in silver", t.firstMissing());
            keys(sb, "extra in silver", t.firstExtra());
            keys(sb, "values differ", t.firstDiffering());
        }
        if (!lakeOnlyTables.isEmpty()) {
            sb.append("  silver tables without a PostgreSQL table: ").append(String.join(", ", lakeOnlyTables)).append('\n');
        }
        return sb.toString();
    }

    private static void keys(StringBuilder sb, String what, List<String> keys) {
        if (!keys.isEmpty()) {
            sb.append("      ").append(what).append(": keys ").append(String.join(", ", keys)).append('\n');
        }
    }

    /** The outcome as reconcile's verdict (its exit code). */
    ReconcileOutcome verdict() {
        return ReconcileOutcome.ofLabel(outcome);
    }

    /** The tables reconcile reports as parked. */
    List<Table> parkedTables() {
        return tables.stream().filter(t -> t.parked() != null).toList();
    }

    /** The demo's last line, e.g. {@code RESULT: the lake is NOT COMPLETE: 1 table parked (orders: ...)}. */
    String resultLine() {
        List<String> parked = parkedTables().stream().map(t -> t.name() + ": parked in " + t.parked()).toList();
        return switch (verdict()) {
            case EQUAL -> "RESULT: the lake equals PostgreSQL.";
            case PARKED -> "RESULT: the lake is NOT COMPLETE: " + parked.size() + (parked.size() == 1 ? " table" : " tables")
                    + " parked (" + String.join("; ", parked) + "); every other table equals PostgreSQL."
                    + " Fix the cause, then ./tributary resume TABLE.";
            case DIFFERENT -> "RESULT: the lake DIFFERS from PostgreSQL." + (lakeOnlyTables.isEmpty() ? ""
                    : " Silver has tables PostgreSQL does not: " + String.join(", ", lakeOnlyTables) + ".")
                    + (parked.isEmpty() ? "" : " Parked besides: " + String.join("; ", parked) + ".");
        };
    }

    /**
     * Tables whose bronze row count differs from the changes cdc-engine captured (empty: all agree). Parked tables are
     * left out (their changes wait in the parking topic or {@code _parked}, not in bronze), and so are tables reconcile
     * could not compare (bronze was not read).
     */
    List<String> bronzeMismatches(Map<String, Long> captured) {
        List<String> result = new ArrayList<>();
        for (Table t : tables) {
            if (t.parked() != null || !t.problem().isEmpty()) {
                continue;
            }
            long c = captured.getOrDefault(t.name(), 0L);
            if (c != t.bronzeRows()) {
                result.add(t.name() + ": bronze " + t.bronzeRows() + ", captured " + c);
            }
        }
        return result;
    }
}
