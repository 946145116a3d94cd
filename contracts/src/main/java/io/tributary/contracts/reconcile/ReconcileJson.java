package io.tributary.contracts.reconcile;

import io.tributary.contracts.reconcile.ReconcileResult.HistoryResult;
import io.tributary.contracts.reconcile.ReconcileResult.ParkedBy;
import io.tributary.contracts.reconcile.ReconcileResult.TableResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one codec of the reconcile report: lakehouse-job's {@code reconcile --json} writes one line with it, the CLI reads
 * that line back with it. A field an older report lacks reads as its default (0, false, "", an empty list, not parked,
 * no problem, no history check; no {@code outcome}: equal or different from {@code equal}).
 */
public final class ReconcileJson {

    private ReconcileJson() {
    }

    public static String write(ReconcileResult r) {
        JsonOut out = new JsonOut().begin()
                .field("equal", r.equal())
                .field("outcome", r.outcome().label())
                .field("snapshotLsn", r.snapshotLsn())
                .field("caughtUp", r.caughtUp())
                .field("catchUpDetail", r.catchUpDetail())
                .field("waitMillis", r.waitMillis())
                .field("compareMillis", r.compareMillis())
                .beginArray("tables");
        for (TableResult t : r.tables()) {
            out.begin()
                    .field("table", t.table())
                    .field("equal", t.equal())
                    .field("postgresRows", t.postgresRows())
                    .field("silverRows", t.silverRows())
                    .field("missing", t.missing())
                    .field("extra", t.extra())
                    .field("differing", t.differing())
                    .field("inFlight", t.inFlight())
                    .field("bronzeRows", t.bronzeRows())
                    .strings("firstMissing", t.firstMissing())
                    .strings("firstExtra", t.firstExtra())
                    .strings("firstDiffering", t.firstDiffering())
                    .strings("missingColumns", t.missingColumns());
            if (t.parked() == null) {
                out.nullField("parked");
            } else {
                out.begin("parked").field("stage", t.parked().stage()).field("reason", t.parked().reason())
                        .field("since", t.parked().since()).end();
            }
            out.field("problem", t.problem());
            out.end();
        }
        out.endArray().strings("lakeOnlyTables", r.lakeOnlyTables()).beginArray("history");
        for (HistoryResult h : r.history()) {
            out.begin()
                    .field("table", h.table())
                    .field("equal", h.equal())
                    .field("historyRows", h.historyRows())
                    .field("silverRows", h.silverRows())
                    .field("onlyInHistory", h.onlyInHistory())
                    .field("onlyInSilver", h.onlyInSilver())
                    .field("inFlight", h.inFlight())
                    .strings("firstKeys", h.firstKeys())
                    .end();
        }
        return out.endArray().end().toString();
    }

    /** Reads a report {@link #write} wrote; an error says what is not JSON or not a report. */
    public static ReconcileResult read(String json) {
        Object parsed = JsonIn.read(json);
        if (!(parsed instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("not a reconcile report: the JSON is not an object");
        }
        List<TableResult> tables = new ArrayList<>();
        for (Object t : list(root, "tables")) {
            if (t instanceof Map<?, ?> table) {
                tables.add(table(table));
            }
        }
        List<HistoryResult> history = new ArrayList<>();
        for (Object h : list(root, "history")) {
            if (h instanceof Map<?, ?> m) {
                history.add(new HistoryResult(text(m, "table"), bool(m, "equal"), number(m, "historyRows"),
                        number(m, "silverRows"), number(m, "onlyInHistory"), number(m, "onlyInSilver"),
                        number(m, "inFlight"), strings(m, "firstKeys")));
            }
        }
        boolean equal = bool(root, "equal");
        Object outcome = root.get("outcome");
        return new ReconcileResult(equal, outcome instanceof String label ? ReconcileOutcome.ofLabel(label)
                : equal ? ReconcileOutcome.EQUAL : ReconcileOutcome.DIFFERENT, text(root, "snapshotLsn"),
                bool(root, "caughtUp"), text(root, "catchUpDetail"), number(root, "waitMillis"),
                number(root, "compareMillis"), tables, strings(root, "lakeOnlyTables"), history);
    }

    private static TableResult table(Map<?, ?> t) {
        ParkedBy parked = t.get("parked") instanceof Map<?, ?> p
                ? new ParkedBy(text(p, "stage"), text(p, "reason"), text(p, "since")) : null;
        return new TableResult(text(t, "table"), bool(t, "equal"), number(t, "postgresRows"), number(t, "silverRows"),
                number(t, "missing"), number(t, "extra"), number(t, "differing"), number(t, "inFlight"),
                number(t, "bronzeRows"), strings(t, "firstMissing"), strings(t, "firstExtra"),
                strings(t, "firstDiffering"), strings(t, "missingColumns"), parked, text(t, "problem"));
    }

    private static String text(Map<?, ?> m, String field) {
        Object v = m.get(field);
        return v == null ? "" : v.toString();
    }

    private static boolean bool(Map<?, ?> m, String field) {
        return Boolean.TRUE.equals(m.get(field));
    }

    private static long number(Map<?, ?> m, String field) {
        return m.get(field) instanceof Number n ? n.longValue() : 0;
    }

    private static List<?> list(Map<?, ?> m, String field) {
        return m.get(field) instanceof List<?> l ? l : List.of();
    }

    private static List<String> strings(Map<?, ?> m, String field) {
        return list(m, field).stream().map(v -> v == null ? "" : v.toString()).toList();
    }
}
