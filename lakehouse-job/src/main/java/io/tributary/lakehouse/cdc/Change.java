package io.tributary.lakehouse.cdc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One decoded change of one table row, the unit the batch reducer and the merge planner reason about.
 *
 * @param key          primary-key values in key-column order (empty for a truncate)
 * @param op           the operation
 * @param lsn          the WAL position of the change ({@code source.lsn})
 * @param position     the tie breaker inside an LSN: the Kafka offset (one key always lives in one partition)
 * @param values       the row image after the change (column -> value); empty for deletes and truncates
 * @param unavailable  columns whose value Postgres did not send (unchanged TOAST): the stored value must be kept
 * @param sourceTsMs   commit time of the change in the source database, epoch millis
 * @param lastCommitLsn the commit LSN of the transaction streamed before this change ({@code source.sequence[0]}),
 *                     null when not known: the stream's order, by commit ({@link ChangeOrder})
 */
public record Change(List<Object> key, Op op, long lsn, long position, Map<String, Object> values,
                     Set<String> unavailable, long sourceTsMs, Long lastCommitLsn)
        implements java.io.Serializable {

    /** A change whose last commit is not known (ordered by LSN and position only). */
    public Change(List<Object> key, Op op, long lsn, long position, Map<String, Object> values, Set<String> unavailable,
                  long sourceTsMs) {
        this(key, op, lsn, position, values, unavailable, sourceTsMs, null);
    }

    public Change {
        Objects.requireNonNull(op, "op");
        key = Collections.unmodifiableList(key == null ? List.of() : key);
        values = Collections.unmodifiableMap(values == null ? Map.of() : new LinkedHashMap<>(values));
        unavailable = Set.copyOf(unavailable == null ? Set.of() : unavailable);
        if (op != Op.TRUNCATE && key.isEmpty()) {
            throw new IllegalArgumentException("a " + op + " change needs its primary-key values");
        }
    }

    /** True when this change comes later in the source than {@code other} ({@link ChangeOrder}). */
    public boolean isAfter(Change other) {
        return ChangeOrder.INSTANCE.compare(this, other) > 0;
    }
}
