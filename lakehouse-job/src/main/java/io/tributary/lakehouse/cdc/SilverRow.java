package io.tributary.lakehouse.cdc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a silver table: the data columns plus the metadata the merge needs.
 *
 * @param values     data column -> value, for every data column of the table (null where unknown)
 * @param lsn        LSN of the change that produced the row; a change is applied only when its LSN is higher
 * @param position   Kafka offset of that change (informational tie breaker)
 * @param op         the operation that produced the row
 * @param deleted    true for a tombstone: the key was deleted (or truncated); data columns other than the key are null
 * @param sourceTsMs commit time in the source, epoch millis
 */
public record SilverRow(Map<String, Object> values, long lsn, long position, Op op, boolean deleted, long sourceTsMs) {

    public SilverRow {
        Objects.requireNonNull(op, "op");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
