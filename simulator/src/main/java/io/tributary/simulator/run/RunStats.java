package io.tributary.simulator.run;

import static io.tributary.contracts.metrics.MetricLabels.KIND;
import static io.tributary.contracts.metrics.MetricLabels.OP;
import static io.tributary.contracts.metrics.MetricLabels.TABLE;

import io.tributary.contracts.metrics.MetricNames.Simulator;
import io.tributary.contracts.prometheus.PrometheusWriter;
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

    /** Prometheus text exposition format (version 0.0.4), names from the contracts. */
    public String prometheus(double targetRate) {
        PrometheusWriter out = new PrometheusWriter(new StringBuilder(2048));
        out.family(Simulator.CHANGES_TOTAL, "counter", "Rows inserted, updated or deleted, by business event.");
        for (ChangeKind k : ChangeKind.values()) {
            out.sample(Simulator.CHANGES_TOTAL, changes(k), KIND, k.key());
        }
        out.family(Simulator.EVENTS_TOTAL, "counter", "Business events committed, by kind.");
        for (ChangeKind k : ChangeKind.values()) {
            out.sample(Simulator.EVENTS_TOTAL, events(k), KIND, k.key());
        }
        out.family(Simulator.ROW_CHANGES_TOTAL, "counter", "Rows changed, by table and operation.");
        changesByTable.forEach((table, ops) -> ops.forEach((op, n) -> out.sample(Simulator.ROW_CHANGES_TOTAL, n.sum(),
                TABLE, table, OP, op.name().toLowerCase(Locale.ROOT))));
        out.counter(Simulator.TRANSACTIONS_TOTAL, "Transactions committed.", transactions());
        out.counter(Simulator.RETRIES_TOTAL, "Transactions retried after a retriable SQL error.", retries());
        out.counter(Simulator.OUT_OF_STOCK_TOTAL, "Order items refused because stock was too low.", outOfStock.sum());
        out.counter(Simulator.SCHEMA_CHANGES_TOTAL, "ALTER TABLE statements applied.", schemaChanges());
        out.counter(Simulator.SCHEMA_CHANGE_WAITS_TOTAL,
                "Schema changes postponed because a long reader held the table lock.", schemaChangeWaits.sum());
        out.gauge(Simulator.TARGET_RATE, "Target row changes per second.", targetRate);
        out.gauge(Simulator.START_TIME_SECONDS, "Start of the run, seconds since the epoch.", startedAtMillis.get() / 1000.0);
        return out.toString();
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
