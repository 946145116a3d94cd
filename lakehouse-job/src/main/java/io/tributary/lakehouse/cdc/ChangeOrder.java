package io.tributary.lakehouse.cdc;

import java.util.Comparator;

/**
 * Source order of changes: by LSN, ties broken by the position inside the partition (Kafka offset).
 * Two changes of one key always share a partition, so the offset orders changes that share an LSN
 * (a snapshot read and the first streamed change of a row can carry the same LSN).
 */
public final class ChangeOrder implements Comparator<Change> {

    public static final ChangeOrder INSTANCE = new ChangeOrder();

    private ChangeOrder() {
    }

    @Override
    public int compare(Change a, Change b) {
        int byLsn = Long.compare(a.lsn(), b.lsn());
        return byLsn != 0 ? byLsn : Long.compare(a.position(), b.position());
    }
}
