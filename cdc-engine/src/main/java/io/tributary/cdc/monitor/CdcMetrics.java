package io.tributary.cdc.monitor;

import io.tributary.contracts.tables.TableProblem;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The engine's counters and gauges; rendered by {@link PrometheusFormat}. Thread-safe. */
public final class CdcMetrics {
    private final Map<String, LongAdder> events = new ConcurrentHashMap<>();
    private final LongAdder tombstones = new LongAdder();
    private final LongAdder heartbeats = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder toastFilled = new LongAdder();
    private final LongAdder toastUnavailable = new LongAdder();
    private final AtomicLong lastLsn = new AtomicLong(-1);
    private final AtomicLong lastSourceTsMs = new AtomicLong(-1);
    private final AtomicLong lastLagMs = new AtomicLong(-1);
    private final AtomicLong retainedWalBytes = new AtomicLong(-1);
    private final Map<String, String> parkedTables = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> parkedChanges = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> replayedChanges = new ConcurrentHashMap<>();
    private volatile Map<String, List<TableProblem>> tableProblems = Map.of();

    /** A change acknowledged by Kafka: counts it and updates lag (ack time - source commit time) and LSN. */
    public void changeDelivered(String table, String op, Long lsn, Long sourceTsMs, long nowMs) {
        events.computeIfAbsent(table + "\u0000" + op, k -> new LongAdder()).increment();
        if (lsn != null) {
            lastLsn.accumulateAndGet(lsn, Math::max);
        }
        if (sourceTsMs != null) {
            lastSourceTsMs.set(sourceTsMs);
            lastLagMs.set(Math.max(0, nowMs - sourceTsMs));
        }
    }

    /** Unchanged-TOAST columns of a delivered change: copied from before, or left as placeholder. */
    public void toast(int filled, int unavailable) {
        toastFilled.add(filled);
        toastUnavailable.add(unavailable);
    }

    public long toastFilled() {
        return toastFilled.sum();
    }

    public long toastUnavailable() {
        return toastUnavailable.sum();
    }

    public void tombstoneDelivered() {
        tombstones.increment();
    }

    public void heartbeat(Long lsn) {
        heartbeats.increment();
        if (lsn != null) {
            lastLsn.accumulateAndGet(lsn, Math::max);
        }
    }

    public void batchCommitted() {
        batches.increment();
    }

    public void retainedWalBytes(long bytes) {
        retainedWalBytes.set(bytes);
    }

    /** {@code table} is parked for {@code reason} (a {@code TableFailure.Kind} label). */
    public void tableParked(String table, String reason) {
        parkedTables.put(table, reason);
    }

    /** {@code table} streams normally again: its gauge disappears. */
    public void tableResumed(String table) {
        parkedTables.remove(table);
    }

    /** A change of a parked table acknowledged in its parking topic. */
    public void changeParked(String table, Long lsn) {
        parkedChanges.computeIfAbsent(table, k -> new LongAdder()).increment();
        if (lsn != null) {
            lastLsn.accumulateAndGet(lsn, Math::max);
        }
    }

    /** Parked changes of {@code table} replayed into its topic by a resume and acknowledged. */
    public void changesReplayed(String table, long count) {
        replayedChanges.computeIfAbsent(table, k -> new LongAdder()).add(count);
    }

    /** The captured tables' current problems (replaces the previous ones). */
    public void tableProblems(Map<String, List<TableProblem>> problems) {
        tableProblems = Map.copyOf(problems);
    }

    /** The captured tables' current problems, sorted by table. */
    public Map<String, List<TableProblem>> tableProblems() {
        return new TreeMap<>(tableProblems);
    }

    /** Parked tables and their reasons, sorted by table. */
    public Map<String, String> parkedTables() {
        return new TreeMap<>(parkedTables);
    }

    /** Parked changes per table since start, sorted. */
    public Map<String, Long> parkedChanges() {
        Map<String, Long> out = new TreeMap<>();
        parkedChanges.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Replayed changes per table since start, sorted. */
    public Map<String, Long> replayedChanges() {
        Map<String, Long> out = new TreeMap<>();
        replayedChanges.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Events per (table, op), sorted. */
    public Map<String[], Long> eventCounts() {
        Map<String, Long> sorted = new TreeMap<>();
        events.forEach((k, v) -> sorted.put(k, v.sum()));
        Map<String[], Long> out = new java.util.LinkedHashMap<>();
        sorted.forEach((k, v) -> out.put(k.split("\u0000", 2), v));
        return out;
    }

    public long tombstones() {
        return tombstones.sum();
    }

    public long heartbeats() {
        return heartbeats.sum();
    }

    public long batches() {
        return batches.sum();
    }

    public long lastLsn() {
        return lastLsn.get();
    }

    public long lastSourceTsMs() {
        return lastSourceTsMs.get();
    }

    public long lastLagMs() {
        return lastLagMs.get();
    }

    public long retainedWalBytes() {
        return retainedWalBytes.get();
    }
}
