package io.tributary.lakehouse.cdc;

import java.util.List;
import java.util.OptionalLong;

/**
 * A micro-batch of one table reduced to what the silver table must see.
 *
 * @param truncateLsn the LSN of the latest truncate in the batch, if any: every stored row older than it is deleted
 *                    before {@code changes} are applied
 * @param changes     the last change per key, newer than the truncate, in source order
 */
public record ReducedBatch(OptionalLong truncateLsn, List<Change> changes) {

    public ReducedBatch {
        changes = List.copyOf(changes);
    }
}
