package io.tributary.lakehouse.lake;

/** What a silver merge changed: rows written (inserted + updated, tombstones included) and the commit time. */
public record MergeOutcome(long rowsInserted, long rowsUpdated, long changesConsidered) {

    public static final MergeOutcome NONE = new MergeOutcome(0, 0, 0);

    public long rowsMerged() {
        return rowsInserted + rowsUpdated;
    }
}
