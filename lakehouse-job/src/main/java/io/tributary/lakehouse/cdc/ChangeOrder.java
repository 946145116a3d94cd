package io.tributary.lakehouse.cdc;

import java.util.Comparator;

/**
 * Source order of changes: by commit, then LSN, then the position inside the partition (Kafka offset).
 *
 * <p>Commit order is {@link Change#lastCommitLsn()}, the commit LSN of the transaction Debezium streamed before the
 * change ({@code source.sequence[0]}); unknown counts as the earliest. It matters for an incremental snapshot
 * ({@code ./tributary backfill}): its reads carry the LSN of the chunk's closing watermark, while a transaction that
 * changed a row before that chunk was read and committed after it has changes with lower LSNs; it is streamed after
 * the reads and so has a later last commit. Within one commit segment the LSN orders, and the offset orders changes
 * that share an LSN (a snapshot read and the first streamed change of a row can). Two changes of one key always share
 * a partition.
 */
public final class ChangeOrder implements Comparator<Change> {

    public static final ChangeOrder INSTANCE = new ChangeOrder();

    private ChangeOrder() {
    }

    @Override
    public int compare(Change a, Change b) {
        int byCommit = Long.compare(commitOrder(a), commitOrder(b));
        if (byCommit != 0) {
            return byCommit;
        }
        int byLsn = Long.compare(a.lsn(), b.lsn());
        return byLsn != 0 ? byLsn : Long.compare(a.position(), b.position());
    }

    private static long commitOrder(Change c) {
        return c.lastCommitLsn() == null ? Long.MIN_VALUE : c.lastCommitLsn();
    }
}
