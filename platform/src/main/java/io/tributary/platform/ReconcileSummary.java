package io.tributary.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The JSON report of {@code reconcile --json} as the demo reads it, with the captured-change counts beside it. Pure. */
record ReconcileSummary(boolean equal, boolean caughtUp, String snapshotLsn, String catchUpDetail, long waitMillis,
        long compareMillis, List<Table> tables) {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Table(String name, boolean equal, long postgresRows, long silverRows, long missing, long extra,
            long differing, long bronzeRows, List<String> firstMissing, List<String> firstExtra,
            List<String> firstDiffering) {
    }

    static ReconcileSummary parse(String stdout) {
        String json = stdout.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("reconcile printed no JSON report: " + stdout.strip()));
        try {
            JsonNode root = JSON.readTree(json);
            List<Table> tables = new ArrayList<>();
            for (JsonNode t : root.path("tables")) {
                tables.add(new Table(t.path("table").asText(), t.path("equal").asBoolean(), t.path("postgresRows").asLong(),
                        t.path("silverRows").asLong(), t.path("missing").asLong(), t.path("extra").asLong(),
                        t.path("differing").asLong(), t.path("bronzeRows").asLong(), texts(t.path("firstMissing")),
                        texts(t.path("firstExtra")), texts(t.path("firstDiffering"))));
            }
            return new ReconcileSummary(root.path("equal").asBoolean(), root.path("caughtUp").asBoolean(),
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
                    t.equal() ? "equal" : "DIFFERENT"));
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

    /** Tables whose bronze row count differs from the changes cdc-engine captured (empty: all agree). */
    List<String> bronzeMismatches(Map<String, Long> captured) {
        List<String> result = new ArrayList<>();
        for (Table t : tables) {
            long c = captured.getOrDefault(t.name(), 0L);
            if (c != t.bronzeRows()) {
                result.add(t.name() + ": bronze " + t.bronzeRows() + ", captured " + c);
            }
        }
        return result;
    }
}
