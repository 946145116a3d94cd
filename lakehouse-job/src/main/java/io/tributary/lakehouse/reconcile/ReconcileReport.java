package io.tributary.lakehouse.reconcile;

import io.tributary.contracts.reconcile.ReconcileJson;
import io.tributary.contracts.reconcile.ReconcileOutcome;
import io.tributary.contracts.reconcile.ReconcileResult;
import io.tributary.lakehouse.history.HistoryAgainstSilver;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a reconciliation: per table a {@link TableDiff}, how the wait for the lake ended, and the timings.
 *
 * @param snapshotLsn   the PostgreSQL LSN of the snapshot (text form)
 * @param caughtUp      whether the lake was seen to apply everything up to the snapshot LSN before comparing
 * @param catchUpDetail what the wait saw (e.g. the partitions still behind when it timed out)
 * @param waitMillis    time spent waiting for the lake
 * @param compareMillis time spent reading and comparing
 * @param lakeOnlyTables silver tables with no PostgreSQL table
 * @param history       per table with a history, its current rows against silver ({@code --history}; else empty)
 */
public record ReconcileReport(String snapshotLsn, boolean caughtUp, String catchUpDetail, long waitMillis,
        long compareMillis, List<TableDiff> tables, List<String> lakeOnlyTables,
        List<HistoryAgainstSilver.Comparison> history) {

    public ReconcileReport {
        history = List.copyOf(history);
    }

    /** A report without the history check. */
    public ReconcileReport(String snapshotLsn, boolean caughtUp, String catchUpDetail, long waitMillis,
            long compareMillis, List<TableDiff> tables, List<String> lakeOnlyTables) {
        this(snapshotLsn, caughtUp, catchUpDetail, waitMillis, compareMillis, tables, lakeOnlyTables, List.of());
    }

    /** The verdict, and the exit code of {@code reconcile} that says it. */
    public enum Outcome {
        /** every table equal, none parked */
        EQUAL(ReconcileOutcome.EQUAL),
        /** some tables parked (their changes held back until resumed), every other table equal: not complete, no loss */
        PARKED(ReconcileOutcome.PARKED),
        /**
         * a table that is not parked differs or could not be compared, silver has a table PostgreSQL does not, or a
         * history's current rows differ from silver
         */
        DIFFERENT(ReconcileOutcome.DIFFERENT);

        private final ReconcileOutcome contract;

        Outcome(ReconcileOutcome contract) {
            this.contract = contract;
        }

        public int exitCode() {
            return contract.exitCode();
        }

        /** The outcome as the report's readers know it. */
        public ReconcileOutcome contract() {
            return contract;
        }
    }

    /** Whether silver holds exactly PostgreSQL's rows, parked tables included (and history equals silver, if checked). */
    public boolean equal() {
        return tables.stream().allMatch(TableDiff::equal) && lakeOnlyTables.isEmpty() && historyEqual();
    }

    private boolean historyEqual() {
        return history.stream().allMatch(HistoryAgainstSilver.Comparison::equal);
    }

    public Outcome outcome() {
        if (!lakeOnlyTables.isEmpty() || !historyEqual() || tables.stream().anyMatch(t -> !t.isParked() && !t.equal())) {
            return Outcome.DIFFERENT;
        }
        return parkedTables().isEmpty() ? Outcome.EQUAL : Outcome.PARKED;
    }

    public List<TableDiff> parkedTables() {
        return tables.stream().filter(TableDiff::isParked).toList();
    }

    /** The report as its readers (the CLI) get it: {@link ReconcileJson} writes and reads it. */
    public ReconcileResult toResult() {
        List<ReconcileResult.TableResult> results = tables.stream().map(t -> new ReconcileResult.TableResult(t.table(),
                t.equal(), t.sourceRows(), t.lakeRows(), t.missing(), t.extra(), t.differing(), t.inFlight(),
                t.bronzeRows(), t.firstMissing(), t.firstExtra(), t.firstDiffering(), t.missingColumns(),
                t.isParked() ? new ReconcileResult.ParkedBy(t.parked().stage(), t.parked().reason(), t.parked().since())
                        : null, t.compared() ? "" : t.problem())).toList();
        List<ReconcileResult.HistoryResult> histories = history.stream().map(h -> new ReconcileResult.HistoryResult(
                h.table(), h.equal(), h.historyRows(), h.silverRows(), h.onlyInHistory(), h.onlySilver(), h.inFlight(),
                h.firstKeys())).toList();
        return new ReconcileResult(equal(), outcome().contract(), snapshotLsn, caughtUp, catchUpDetail, waitMillis,
                compareMillis, results, lakeOnlyTables, histories);
    }

    /** One line of JSON: {@link #toResult()} written by the one codec. */
    public String toJson() {
        return ReconcileJson.write(toResult());
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Snapshot at LSN %s; %s (waited %.1f s, compared in %.1f s)%n", snapshotLsn,
                caughtUp ? "the lake had applied everything up to it" : "THE LAKE HAD NOT CAUGHT UP: " + catchUpDetail,
                waitMillis / 1000.0, compareMillis / 1000.0));
        sb.append(String.format(Locale.ROOT, "%-16s %10s %10s %8s %8s %9s %9s %10s  %s%n", "table", "postgres", "silver",
                "missing", "extra", "differing", "in-flight", "bronze", "result"));
        for (TableDiff t : tables) {
            sb.append(String.format(Locale.ROOT, "%-16s %10d %10d %8d %8d %9d %9d %10s  %s%n", t.table(), t.sourceRows(),
                    t.lakeRows(), t.missing(), t.extra(), t.differing(), t.inFlight(),
                    t.bronzeRows() < 0 ? "-" : Long.toString(t.bronzeRows()), t.result()));
            if (!t.compared()) {
                sb.append("  ").append(t.problem()).append('\n');
            }
            if (t.isParked()) {
                sb.append("  ").append(t.parked().describe()).append("; silver lacks its changes since then (held back,")
                        .append(" not lost): ./tributary resume ").append(t.table()).append(" once the cause is fixed\n");
            }
            if (!t.missingColumns().isEmpty()) {
                sb.append("  columns missing in silver: ").append(String.join(", ", t.missingColumns())).append('\n');
            }
            appendKeys(sb, "missing in silver", t.firstMissing(), t.missing());
            appendKeys(sb, "extra in silver", t.firstExtra(), t.extra());
            appendKeys(sb, "values differ", t.firstDiffering(), t.differing());
        }
        if (!lakeOnlyTables.isEmpty()) {
            sb.append("silver tables without a PostgreSQL table: ").append(String.join(", ", lakeOnlyTables)).append('\n');
        }
        appendHistory(sb);
        List<String> parked = parkedTables().stream().map(TableDiff::table).toList();
        sb.append(switch (outcome()) {
            case EQUAL -> "RESULT: the lake equals PostgreSQL\n";
            case PARKED -> "RESULT: the lake is NOT COMPLETE: " + parked.size() + (parked.size() == 1 ? " table" : " tables")
                    + " parked (" + String.join(", ", parked) + "), every other table equals PostgreSQL\n";
            case DIFFERENT -> "RESULT: the lake DIFFERS from PostgreSQL" + (parked.isEmpty() ? ""
                    : " (besides the parked " + String.join(", ", parked) + ")") + "\n";
        });
        return sb.toString();
    }

    /** History's current rows against silver, when checked. */
    private void appendHistory(StringBuilder sb) {
        if (history.isEmpty()) {
            return;
        }
        sb.append(String.format(Locale.ROOT, "%-16s %10s %10s %8s %8s %9s  %s%n", "history", "current", "silver",
                "only-hist", "only-silv", "in-flight", "result"));
        for (HistoryAgainstSilver.Comparison h : history) {
            sb.append(String.format(Locale.ROOT, "%-16s %10d %10d %8d %8d %9d  %s%n", h.table(), h.historyRows(),
                    h.silverRows(), h.onlyInHistory(), h.onlySilver(), h.inFlight(), h.equal() ? "equal" : "DIFFERS"));
            if (!h.firstKeys().isEmpty()) {
                sb.append("  keys of differing rows: ").append(String.join(", ", h.firstKeys())).append('\n');
            }
        }
    }

    private static void appendKeys(StringBuilder sb, String what, List<String> keys, long total) {
        if (total > 0) {
            sb.append("  ").append(what).append(" (").append(total).append("): keys ").append(String.join(", ", keys))
                    .append(total > keys.size() ? ", ..." : "").append('\n');
        }
    }
}
