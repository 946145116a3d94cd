package io.tributary.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON report of {@code reconcile --json} as the demo reads it, with the captured-change counts beside it. Pure.
 *
 * @param outcome {@code equal}, {@code parked} (tables parked, every other equal: the lake is not complete) or
 *                {@code different}; a report without it (older reconcile) reads as equal/different
 */
record ReconcileSummary(boolean equal, String outcome, boolean caughtUp, String snapshotLsn, String catchUpDetail,
        long waitMillis, long compareMillis, List<Table> tables) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** reconcile's exit codes that are a verdict (0 is equal); anything else is a failure of reconcile itself. */
    static final int EXIT_DIFFERENT = 3;
    static final int EXIT_PARKED = 4;
    static final String EQUAL = "equal";
    static final String PARKED = "parked";
    static final String DIFFERENT = "different";

    /** @param parked why the table is parked ("lakehouse-job since batch 12: ..."), null when it streams */
    record Table(String name, boolean equal, long postgresRows, long silverRows, long missing, long extra,
            long differing, long bronzeRows, List<String> firstMissing, List<String> firstExtra,
            List<String> firstDiffering, String parked) {

        String result() {
            return parked != null ? "PARKED" : equal ? "equal" : "DIFFERENT";
        }
    }

    /** Whether reconcile ended with a verdict (equal, parked, different) rather than failing. */
    static boolean isVerdict(int exitCode) {
        return exitCode == 0 || exitCode == EXIT_DIFFERENT || exitCode == EXIT_PARKED;
    }

    static ReconcileSummary parse(String stdout) {
        String json = stdout.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("reconcile printed no JSON report: " + stdout.strip()));
        try {
            JsonNode root = JSON.readTree(json);
            List<Table> tables = new ArrayList<>();
            for (JsonNode t : root.path("tables")) {
                JsonNode p = t.path("parked");
                String parked = p.isObject() ? p.path("stage").asText() + (p.path("since").asText().isEmpty() ? ""
                        : " since batch " + p.path("since").asText()) + ": " + p.path("reason").asText() : null;
                tables.add(new Table(t.path("table").asText(), t.path("equal").asBoolean(), t.path("postgresRows").asLong(),
                        t.path("silverRows").asLong(), t.path("missing").asLong(), t.path("extra").asLong(),
                        t.path("differing").asLong(), t.path("bronzeRows").asLong(), texts(t.path("firstMissing")),
                        texts(t.path("firstExtra")), texts(t.path("firstDiffering")), parked));
            }
            boolean equal = root.path("equal").asBoolean();
            return new ReconcileSummary(equal, root.path("outcome").asText(equal ? EQUAL : DIFFERENT),
                    root.path("caughtUp").asBoolean(),
                    root.path("snapshotLsn").asText(), root.path("catchUpDetail").asText(), root.path("waitMillis").asLong(),
                    root.path("compareMillis").asLong(), List.copyOf(tables));
        } catch (IOException e) {
            throw new IllegalStateException("reconcile printed a report that is not JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
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
            if (t.parked() != null) {
                sb.append("      parked in ").append(t.parked()).append(" (its changes are held back, not lost)\n");
            }
            keys(sb, "missing in silver", t.firstMissing());
            keys(sb, "extra in silver", t.firstExtra());
            keys(sb, "values differ", t.firstDiffering());
        }
        return sb.toString();
    }

    private static void keys(StringBuilder sb, String what, List<String> keys) {
        if (!keys.isEmpty()) {
            sb.append("      ").append(what).append(": keys ").append(String.join(", ", keys)).append('\n');
        }
    }

    /** The tables reconcile reports as parked. */
    List<Table> parkedTables() {
        return tables.stream().filter(t -> t.parked() != null).toList();
    }

    /** The demo's last line, e.g. {@code RESULT: the lake is NOT COMPLETE: 1 table parked (orders: ...)}. */
    String resultLine() {
        List<String> parked = parkedTables().stream().map(t -> t.name() + ": parked in " + t.parked()).toList();
        return switch (outcome) {
            case EQUAL -> "RESULT: the lake equals PostgreSQL.";
            case PARKED -> "RESULT: the lake is NOT COMPLETE: " + parked.size() + (parked.size() == 1 ? " table" : " tables")
                    + " parked (" + String.join("; ", parked) + "); every other table equals PostgreSQL."
                    + " Fix the cause, then ./tributary resume TABLE.";
            default -> "RESULT: the lake DIFFERS from PostgreSQL." + (parked.isEmpty() ? ""
                    : " Parked besides: " + String.join("; ", parked) + ".");
        };
    }

    /**
     * Tables whose bronze row count differs from the changes cdc-engine captured (empty: all agree). Parked tables are
     * left out: their changes wait in the parking topic or {@code _parked}, not in bronze.
     */
    List<String> bronzeMismatches(Map<String, Long> captured) {
        List<String> result = new ArrayList<>();
        for (Table t : tables) {
            if (t.parked() != null) {
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
