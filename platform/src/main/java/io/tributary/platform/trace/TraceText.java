package io.tributary.platform.trace;

import io.tributary.contracts.wal.Lsn;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A trace for people: a headline, one line per hop (time, delay from the source commit, where), stuck, values. Pure. */
public final class TraceText {
    private TraceText() {
    }

    public static String of(Trace trace) {
        StringBuilder sb = new StringBuilder(headline(trace.table(), trace.event())).append('\n');
        trace.hops().forEach(h -> sb.append(hop(h)).append('\n'));
        sb.append(trace.stuck() == null ? "  arrived everywhere: silver's delay is this change's freshness\n"
                : "  STUCK " + trace.stuck() + "\n");
        if (trace.postgresValues() != null) {
            sb.append("  postgres values ").append(trace.postgresValues()).append('\n');
        }
        if (trace.silverValues() != null) {
            sb.append("  silver values   ").append(trace.silverValues()).append('\n');
        }
        if (trace.differingColumns() != null) {
            sb.append(trace.differingColumns().isEmpty() ? "  silver equals PostgreSQL\n"
                    : "  silver DIFFERS from PostgreSQL in " + trace.differingColumns() + "\n");
        }
        return sb.toString();
    }

    public static String headline(String table, ChangeEvent e) {
        return "trace " + table + " " + e.key().entrySet().stream().map(k -> k.getKey() + "=" + k.getValue())
                .collect(Collectors.joining(",")) + ": change " + e.op() + " at LSN " + Lsn.format(e.lsn())
                + ", source commit " + Instant.ofEpochMilli(e.sourceTsMs()) + " (delays below are from it)";
    }

    /** One hop as one line: name, time, delay, LSN, facts, note. */
    public static String hop(Hop h) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-8s ", h.name()));
        if (!h.arrived()) {
            sb.append(String.format(Locale.ROOT, "%-24s %10s ", "not yet", ""));
        } else {
            sb.append(String.format(Locale.ROOT, "%-24s %10s ", h.atMs() == null ? "-" : Instant.ofEpochMilli(h.atMs()),
                    h.delayMs() == null ? "-" : String.format(Locale.ROOT, "+%.3f s", h.delayMs() / 1000.0)));
        }
        if (h.lsn() != null) {
            sb.append("LSN ").append(Lsn.format(h.lsn()));
        }
        for (Map.Entry<String, Object> f : h.facts().entrySet()) {
            sb.append(", ").append(f.getKey()).append(' ').append(f.getValue());
        }
        if (h.note() != null) {
            sb.append(" (").append(h.note()).append(')');
        }
        return sb.toString();
    }
}
