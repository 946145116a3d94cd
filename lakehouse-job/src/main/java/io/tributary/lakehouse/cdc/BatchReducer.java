package io.tributary.lakehouse.cdc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reduces the changes of one table in one micro-batch to the last change per primary key.
 *
 * <ul>
 *   <li>Order is source order ({@link ChangeOrder}): commit order, then LSN, then position. Kafka delivery order is
 *       not trusted.</li>
 *   <li>A truncate supersedes every change of the batch with a lower LSN; only the latest truncate is kept.</li>
 *   <li>An update whose TOAST columns are unavailable takes them from the previous row image of the same key in
 *       the same batch; only what no earlier image of the batch knew stays unavailable (the merge then keeps the
 *       stored value).</li>
 * </ul>
 */
public final class BatchReducer implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public ReducedBatch reduce(List<Change> changes) {
        List<Change> ordered = new ArrayList<>(changes);
        ordered.sort(ChangeOrder.INSTANCE);

        OptionalLong truncateLsn = ordered.stream()
                .filter(c -> c.op() == Op.TRUNCATE)
                .mapToLong(Change::lsn)
                .max();

        Map<List<Object>, Change> lastByKey = new LinkedHashMap<>();
        for (Change change : ordered) {
            if (change.op() == Op.TRUNCATE) {
                continue;
            }
            if (truncateLsn.isPresent() && change.lsn() <= truncateLsn.getAsLong()) {
                continue;
            }
            lastByKey.merge(change.key(), change, BatchReducer::fold);
        }
        List<Change> reduced = new ArrayList<>(lastByKey.values());
        reduced.sort(ChangeOrder.INSTANCE);
        return new ReducedBatch(truncateLsn, reduced);
    }

    /** The newer change wins; its unavailable TOAST columns are filled from the previous image when it has them. */
    static Change fold(Change previous, Change next) {
        if (next.unavailable().isEmpty() || !previous.op().carriesRow() || !next.op().carriesRow()) {
            return next;
        }
        Map<String, Object> values = new LinkedHashMap<>(next.values());
        Set<String> stillUnavailable = new HashSet<>();
        for (String column : next.unavailable()) {
            if (previous.unavailable().contains(column) || !previous.values().containsKey(column)) {
                stillUnavailable.add(column);
            } else {
                values.put(column, previous.values().get(column));
            }
        }
        return new Change(next.key(), next.op(), next.lsn(), next.position(), values, stillUnavailable,
                next.sourceTsMs(), next.lastCommitLsn());
    }
}
