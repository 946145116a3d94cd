package io.tributary.simulator.run;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of a run, safe to read from the metrics thread while the simulator writes them. A "change"
 * is one row inserted, updated or deleted: the unit of {@code --rate} and of the CDC stream.
 */
public final class RunStats {

    /** DML kinds per table. */
    public enum Op { INSERT, UPDATE, DELETE }

    private final Map<ChangeKind, LongAdder> eventsByKind = new EnumMap<>(ChangeKind.class);
    private final Map<ChangeKind, LongAdder> changesByKind = new EnumMap<>(ChangeKind.class);
    private final Map<String, Map<Op, LongAdder>> changesByTable = new LinkedHashMap<>();
    private final LongAdder changes = new LongAdder();
    private final LongAdder transactions = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder outOfStock = new LongAdder();
    private final LongAdder schemaChanges = new LongAdder();
    private final LongAdder schemaChangeWaits = new LongAdder();
    private final AtomicLong startedAtMillis = new AtomicLong();

    public RunStats(Iterable<String> tables) {
        for (ChangeKind kind : ChangeKind.values()) {
            eventsByKind.put(kind, new LongAdder());
            changesByKind.put(kind, new LongAdder());
        }
        for (String table : tables) {
            Map<Op, LongAdder> ops = new EnumMap<>(Op.class);
            for (Op op : Op.values()) {
                ops.put(op, new LongAdder());
            }
            changesByTable.put(table, ops);
        }
    }

    void started(long epochMillis) {
        startedAtMillis.set(epochMillis);
    }

    /** Adds a committed event's effects (an event is part of exactly one committed transaction). */
    void committed(ChangeKind kind, Map<String, Map<Op, Long>> rowsByTable) {
        committed(kind, 1, rowsByTable);
    }

    /** Adds {@code events} committed events of one kind and the rows they changed (bulk mode: one per row). */
    void committed(ChangeKind kind, long events, Map<String, Map<Op, Long>> rowsByTable) {
        eventsByKind.get(kind).add(events);
        long total = 0;
        for (Map.Entry<String, Map<Op, Long>> t : rowsByTable.entrySet()) {
            Map<Op, LongAdder> ops = changesByTable.get(t.getKey());
            for (Map.Entry<Op, Long> o : t.getValue().entrySet()) {
                ops.get(o.getKey()).add(o.getValue());
                total += o.getValue();
            }
        }
        changesByKind.get(kind).add(total);
        changes.add(total);
    }

    /** Counts one committed database transaction (holding one or more events). */
    void transactionCommitted() {
        transactions.increment();
    }

    void retried() {
        retries.increment();
    }

    void outOfStock() {
        outOfStock.increment();
    }

    void schemaChanged() {
        schemaChanges.increment();
    }

    /** A schema change gave up waiting for its table lock and was postponed. */
    void schemaChangeWaited() {
        schemaChangeWaits.increment();
    }

    public long changes() {
        return changes.sum();
    }

    public long transactions() {
        return transactions.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long schemaChanges() {
        return schemaChanges.sum();
    }

    public long changes(ChangeKind kind) {
        return changesByKind.get(kind).sum();
    }

    public long events(ChangeKind kind) {
        return eventsByKind.get(kind).sum();
    }

    public long changes(String table, Op op) {
        return changesByTable.get(table).get(op).sum();
    }

    /** Rows changed by {@code op} over all tables. */
    public long changes(Op op) {
        return changesByTable.values().stream().mapToLong(ops -> ops.get(op).sum()).sum();
    }

    /** "order=1200 advance=800 ..." for progress lines. */
    public String changesByKindLine() {
        StringBuilder sb = new StringBuilder();
        for (ChangeKind k : ChangeKind.values()) {
            sb.append(sb.length() == 0 ? "" : " ").append(k.key()).append('=').append(changes(k));
        }
        return sb.toString();
    }

    /** Prometheus text exposition format (version 0.0.4). */
    public String prometheus(double targetRate) {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("# HELP tributary_simulator_changes_total Rows inserted, updated or deleted, by business event.\n")
                .append("# TYPE tributary_simulator_changes_total counter\n");
        for (ChangeKind k : ChangeKind.values()) {
            sb.append("tributary_simulator_changes_total{kind=\"").append(k.key()).append("\"} ")
                    .append(changes(k)).append('\n');
        }
        sb.append("# HELP tributary_simulator_events_total Business events committed, by kind.\n")
                .append("# TYPE tributary_simulator_events_total counter\n");
        for (ChangeKind k : ChangeKind.values()) {
            sb.append("tributary_simulator_events_total{kind=\"").append(k.key()).append("\"} ")
                    .append(events(k)).append('\n');
        }
        sb.append("# HELP tributary_simulator_row_changes_total Rows changed, by table and operation.\n")
                .append("# TYPE tributary_simulator_row_changes_total counter\n");
        changesByTable.forEach((table, ops) -> ops.forEach((op, n) ->
                sb.append("tributary_simulator_row_changes_total{table=\"").append(table).append("\",op=\"")
                        .append(op.name().toLowerCase(Locale.ROOT)).append("\"} ").append(n.sum()).append('\n')));
        counter(sb, "tributary_simulator_transactions_total", "Transactions committed.", transactions());
        counter(sb, "tributary_simulator_retries_total", "Transactions retried after a retriable SQL error.", retries());
        counter(sb, "tributary_simulator_out_of_stock_total", "Order items refused because stock was too low.",
                outOfStock.sum());
        counter(sb, "tributary_simulator_schema_changes_total", "ALTER TABLE statements applied.", schemaChanges());
        counter(sb, "tributary_simulator_schema_change_waits_total",
                "Schema changes postponed because a long reader held the table lock.", schemaChangeWaits.sum());
        sb.append("# HELP tributary_simulator_target_rate Target row changes per second.\n")
                .append("# TYPE tributary_simulator_target_rate gauge\n")
                .append("tributary_simulator_target_rate ")
                .append(Double.isInfinite(targetRate) ? "+Inf" : String.valueOf(targetRate)).append('\n');
        sb.append("# HELP tributary_simulator_start_time_seconds Start of the run, seconds since the epoch.\n")
                .append("# TYPE tributary_simulator_start_time_seconds gauge\n")
                .append("tributary_simulator_start_time_seconds ").append(startedAtMillis.get() / 1000.0).append('\n');
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }

    /** The summary printed as JSON at exit. */
    public Map<String, Object> summary(double targetRate, double elapsedSeconds, long seed) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("seed", seed);
        s.put("targetRate", Double.isInfinite(targetRate) ? "max" : targetRate);
        s.put("elapsedSeconds", Math.round(elapsedSeconds * 1000) / 1000.0);
        s.put("changes", changes());
        s.put("achievedRate", elapsedSeconds > 0 ? Math.round(changes() / elapsedSeconds * 10) / 10.0 : 0);
        s.put("transactions", transactions());
        s.put("retries", retries());
        s.put("outOfStock", outOfStock.sum());
        s.put("schemaChanges", schemaChanges());
        s.put("schemaChangeWaits", schemaChangeWaits.sum());
        Map<String, Object> kinds = new LinkedHashMap<>();
        for (ChangeKind k : ChangeKind.values()) {
            Map<String, Long> kind = new LinkedHashMap<>();
            kind.put("events", events(k));
            kind.put("changes", changes(k));
            kinds.put(k.key(), kind);
        }
        s.put("byKind", kinds);
        Map<String, Object> tables = new LinkedHashMap<>();
        changesByTable.forEach((table, ops) -> {
            Map<String, Long> o = new LinkedHashMap<>();
            ops.forEach((op, n) -> o.put(op.name().toLowerCase(Locale.ROOT), n.sum()));
            tables.put(table, o);
        });
        s.put("byTable", tables);
        Map<String, Long> operations = new LinkedHashMap<>();
        for (Op op : Op.values()) {
            operations.put(op.name().toLowerCase(Locale.ROOT), changes(op));
        }
        s.put("byOperation", operations);
        return s;
    }
}
