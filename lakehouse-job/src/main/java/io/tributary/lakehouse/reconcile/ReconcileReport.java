package io.tributary.lakehouse.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 */
public record ReconcileReport(String snapshotLsn, boolean caughtUp, String catchUpDetail, long waitMillis,
        long compareMillis, List<TableDiff> tables, List<String> lakeOnlyTables) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The verdict, and the exit code of {@code reconcile} that says it. */
    public enum Outcome {
        /** every table equal, none parked */
        EQUAL(0),
        /** some tables parked (their changes held back until resumed), every other table equal: not complete, no loss */
        PARKED(4),
        /** a table that is not parked differs, or silver has a table PostgreSQL does not */
        DIFFERENT(3);

        private final int exitCode;

        Outcome(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /** Whether silver holds exactly PostgreSQL's rows, parked tables included. */
    public boolean equal() {
        return tables.stream().allMatch(TableDiff::equal) && lakeOnlyTables.isEmpty();
    }

    public Outcome outcome() {
        if (!lakeOnlyTables.isEmpty() || tables.stream().anyMatch(t -> !t.isParked() && !t.equal())) {
            return Outcome.DIFFERENT;
        }
        return parkedTables().isEmpty() ? Outcome.EQUAL : Outcome.PARKED;
    }

    public List<TableDiff> parkedTables() {
        return tables.stream().filter(TableDiff::isParked).toList();
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("equal", equal());
        root.put("outcome", outcome().name().toLowerCase(Locale.ROOT));
        root.put("snapshotLsn", snapshotLsn);
        root.put("caughtUp", caughtUp);
        root.put("catchUpDetail", catchUpDetail);
        root.put("waitMillis", waitMillis);
        root.put("compareMillis", compareMillis);
        ArrayNode tableNodes = root.putArray("tables");
        for (TableDiff t : tables) {
            ObjectNode n = tableNodes.addObject();
            n.put("table", t.table());
            n.put("equal", t.equal());
            n.put("postgresRows", t.sourceRows());
            n.put("silverRows", t.lakeRows());
            n.put("missing", t.missing());
            n.put("extra", t.extra());
            n.put("differing", t.differing());
            n.put("inFlight", t.inFlight());
            n.put("bronzeRows", t.bronzeRows());
            t.firstMissing().forEach(n.putArray("firstMissing")::add);
            t.firstExtra().forEach(n.putArray("firstExtra")::add);
            t.firstDiffering().forEach(n.putArray("firstDiffering")::add);
            t.missingColumns().forEach(n.putArray("missingColumns")::add);
            if (t.isParked()) {
                ObjectNode p = n.putObject("parked");
                p.put("stage", t.parked().stage());
                p.put("reason", t.parked().reason());
                p.put("since", t.parked().since());
            } else {
                n.putNull("parked");
            }
        }
        lakeOnlyTables.forEach(root.putArray("lakeOnlyTables")::add);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the report as JSON", e);
        }
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

    private static void appendKeys(StringBuilder sb, String what, List<String> keys, long total) {
        if (total > 0) {
            sb.append("  ").append(what).append(" (").append(total).append("): keys ").append(String.join(", ", keys))
                    .append(total > keys.size() ? ", ..." : "").append('\n');
        }
    }
}
