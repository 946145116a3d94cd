package io.tributary.lakehouse.history;

import io.tributary.lakehouse.cdc.Change;
import io.tributary.lakehouse.cdc.ChangeOrder;
import io.tributary.lakehouse.cdc.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the new changes of one key into its history: given the key's latest stored version (open, or closed by a
 * delete) and the changes read from bronze since the last run, returns the versions to write, keyed by
 * (key, {@code _lsn_from}, {@code _position_from}): the latest version closed when a change supersedes it, then one
 * version per applied insert, update or snapshot read, every one but the last closed by the next.
 *
 * <ul>
 *   <li>Changes are applied in source order ({@link ChangeOrder}: LSN, then position), whatever order they come in.</li>
 *   <li>A change that is not after the key's last applied change is skipped: a batch replayed after a crash, or a
 *       change cdc-engine sent twice (the same LSN under a new Kafka offset) writes nothing new. At an equal LSN a
 *       change of the same operation is such a duplicate, and a snapshot read never follows a change of its LSN.</li>
 *   <li>A delete, and a truncate (key empty, for every key) close the open version; the key has none until a later
 *       insert opens a new one.</li>
 *   <li>A column PostgreSQL did not send (unchanged TOAST) takes the value of the open version, as silver keeps its
 *       stored value; with no open version it stays null.</li>
 * </ul>
 */
public final class HistoryFold implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * @param latest  the key's latest stored version, or null when the key has none
     * @param changes the key's new changes plus any truncates of the table, in any order
     * @return the versions to write: changed stored ones and new ones, in source order
     */
    public List<HistoryVersion> fold(HistoryVersion latest, List<Change> changes) {
        List<Change> ordered = new ArrayList<>(changes);
        ordered.sort(ChangeOrder.INSTANCE);
        Map<List<Long>, HistoryVersion> out = new LinkedHashMap<>();
        HistoryVersion state = latest;
        for (Change c : ordered) {
            if (state != null && alreadyApplied(state, c)) {
                continue;
            }
            boolean open = state != null && state.current();
            if (c.op() == Op.DELETE || c.op() == Op.TRUNCATE) {
                if (open) {
                    state = state.closedAt(c.lsn(), c.position(), c.sourceTsMs(), c.op());
                    out.put(id(state), state);
                }
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>(c.values());
            for (String column : c.unavailable()) {
                values.put(column, open ? state.values().get(column) : null);
            }
            if (open) {
                HistoryVersion closed = state.closedAt(c.lsn(), c.position(), c.sourceTsMs(), c.op());
                out.put(id(closed), closed);
            }
            List<Object> key = state != null ? state.key() : c.key();
            state = new HistoryVersion(key, values, c.op(), c.lsn(), c.position(), c.sourceTsMs(), null, null, null,
                    null);
            out.put(id(state), state);
        }
        return new ArrayList<>(out.values());
    }

    /** True when {@code c} is at or before the last change {@code state} reflects (a replay or a duplicate). */
    static boolean alreadyApplied(HistoryVersion state, Change c) {
        long lsn = state.lastLsn();
        if (c.lsn() != lsn) {
            return c.lsn() < lsn;
        }
        Op last = state.lastOp();
        boolean sameOp = last == null ? c.op() == Op.DELETE || c.op() == Op.TRUNCATE : last == c.op();
        return c.position() <= state.lastPosition() || sameOp || c.op() == Op.READ;
    }

    private static List<Long> id(HistoryVersion v) {
        return List.of(v.lsnFrom(), v.positionFrom());
    }
}
