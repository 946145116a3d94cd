package io.tributary.lakehouse.history;

import io.tributary.lakehouse.cdc.Op;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One version of one row in an SCD type 2 history table: the row's values from the change that opened it until the
 * change that closed it (an update, a delete or a truncate) or, while {@code current}, until now.
 *
 * @param key           primary-key values in key-column order
 * @param values        data column -> value (key columns included)
 * @param op            the operation that opened the version: c, u or r
 * @param lsnFrom       LSN of the opening change
 * @param positionFrom  its position (Kafka offset) inside that LSN
 * @param validFromMs   commit time of the opening change in the source, epoch millis
 * @param lsnTo         LSN of the closing change, null while current
 * @param positionTo    its position, null while current
 * @param validToMs     commit time of the closing change, null while current
 * @param closedBy      the operation that closed the version (u, c, r, d or t), null while current; not stored, it
 *                      only tells a replayed closing change from a new one within one run
 */
public record HistoryVersion(List<Object> key, Map<String, Object> values, Op op, long lsnFrom, long positionFrom,
                             long validFromMs, Long lsnTo, Long positionTo, Long validToMs, Op closedBy) {

    public HistoryVersion {
        Objects.requireNonNull(op, "op");
        key = Collections.unmodifiableList(key);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean current() {
        return lsnTo == null;
    }

    /** This version closed by {@code change}: valid until the change's commit time. */
    HistoryVersion closedAt(long lsn, long position, long tsMs, Op by) {
        return new HistoryVersion(key, values, op, lsnFrom, positionFrom, validFromMs, lsn, position, tsMs, by);
    }

    /** The (LSN, position) of the last change this version reflects: its closing change, or its opening one. */
    long lastLsn() {
        return current() ? lsnFrom : lsnTo;
    }

    long lastPosition() {
        return current() ? positionFrom : positionTo;
    }

    /** The operation of that last change, when known (a version read back from the table does not know its closer). */
    Op lastOp() {
        return current() ? op : closedBy;
    }
}
