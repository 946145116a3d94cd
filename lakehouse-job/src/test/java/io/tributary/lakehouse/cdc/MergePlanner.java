package io.tributary.lakehouse.cdc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The reference model of silver: what one key's changes do to its stored row, in plain Java. The job applies the same
 * rules in one Delta MERGE (lake.SilverWriter); SilverMergeModelSparkTest runs both on the same change streams and
 * requires equal tables.
 *
 * <ul>
 *   <li>Source-order guard: a change is applied only when it comes later than the stored row, by LSN, then position
 *       ({@link ChangeOrder}). A replayed batch is therefore a no-op, an old insert replayed after a delete cannot
 *       bring the row back, and a change sharing the stored row's LSN but later in the partition is applied.</li>
 *   <li>A delete leaves a tombstone: the key, the LSN, {@code deleted=true}, every other column null.</li>
 *   <li>An unavailable (unchanged TOAST) column keeps the stored value; with no live stored row it is null.</li>
 *   <li>Columns missing from the change (dropped from the source table) become null.</li>
 *   <li>A truncate turns every stored row with a lower LSN into a tombstone at the truncate's LSN.</li>
 * </ul>
 */
public final class MergePlanner implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private static final BatchReducer REDUCER = new BatchReducer();

    private final List<String> keyColumns;
    private final List<String> columns;

    /**
     * @param keyColumns primary-key columns of the table
     * @param columns    every data column of the silver table (including the key columns), in table order
     */
    public MergePlanner(List<String> keyColumns, List<String> columns) {
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("a silver table needs at least one primary-key column");
        }
        if (!columns.containsAll(keyColumns)) {
            throw new IllegalArgumentException("key columns " + keyColumns + " are not all among columns " + columns);
        }
        this.keyColumns = List.copyOf(keyColumns);
        this.columns = List.copyOf(columns);
    }

    /** The new stored row for {@code change}, or empty when the stored row is already as new or newer. */
    public Optional<SilverRow> resolve(Optional<SilverRow> stored, Change change) {
        if (change.op() == Op.TRUNCATE) {
            throw new IllegalArgumentException("a truncate applies to the whole table: use truncate(stored, lsn)");
        }
        if (stored.isPresent() && !comesAfter(change, stored.get())) {
            return Optional.empty();
        }
        if (change.op() == Op.DELETE) {
            return Optional.of(tombstone(change.key(), change.lsn(), change.position(), Op.DELETE, change.sourceTsMs()));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        boolean liveStored = stored.isPresent() && !stored.get().deleted();
        for (String column : columns) {
            Object value;
            if (change.unavailable().contains(column)) {
                value = liveStored ? stored.get().values().get(column) : null;
            } else {
                value = change.values().get(column);
            }
            values.put(column, value);
        }
        for (int i = 0; i < keyColumns.size(); i++) {
            values.put(keyColumns.get(i), change.key().get(i));
        }
        return Optional.of(new SilverRow(values, change.lsn(), change.position(), change.op(), false,
                change.sourceTsMs()));
    }

    /**
     * Everything a micro-batch does to one key: a truncate of the table (if any), then the key's changes reduced to
     * the last one. Returns the new stored row, or empty when the stored row stays as it is.
     */
    public Optional<SilverRow> planKey(Optional<SilverRow> stored, List<Change> changesOfKey, OptionalLong truncateLsn,
                                       long truncateTsMs) {
        Optional<SilverRow> current = stored;
        boolean changed = false;
        List<Change> changes = changesOfKey;
        if (truncateLsn.isPresent()) {
            long t = truncateLsn.getAsLong();
            if (current.isPresent()) {
                Optional<SilverRow> truncated = truncate(current.get(), t, truncateTsMs);
                if (truncated.isPresent()) {
                    current = truncated;
                    changed = true;
                }
            }
            changes = changesOfKey.stream().filter(c -> c.lsn() > t).toList();
        }
        for (Change change : REDUCER.reduce(changes).changes()) {
            Optional<SilverRow> next = resolve(current, change);
            if (next.isPresent()) {
                current = next;
                changed = true;
            }
        }
        return changed ? current : Optional.empty();
    }

    private static boolean comesAfter(Change change, SilverRow stored) {
        return change.lsn() > stored.lsn() || change.lsn() == stored.lsn() && change.position() > stored.position();
    }

    /** The tombstone a truncate at {@code truncateLsn} leaves for {@code stored}, or empty if the row is newer. */
    public Optional<SilverRow> truncate(SilverRow stored, long truncateLsn, long sourceTsMs) {
        if (stored.lsn() >= truncateLsn) {
            return Optional.empty();
        }
        List<Object> key = keyColumns.stream().map(stored.values()::get).toList();
        return Optional.of(tombstone(key, truncateLsn, -1L, Op.TRUNCATE, sourceTsMs));
    }

    private SilverRow tombstone(List<Object> key, long lsn, long position, Op op, long sourceTsMs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String column : columns) {
            values.put(column, null);
        }
        for (int i = 0; i < keyColumns.size(); i++) {
            values.put(keyColumns.get(i), key.get(i));
        }
        return new SilverRow(values, lsn, position, op, true, sourceTsMs);
    }
}
