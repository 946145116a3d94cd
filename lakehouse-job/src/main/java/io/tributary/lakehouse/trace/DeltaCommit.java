package io.tributary.lakehouse.trace;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One commit of a Delta table as its log file records it: the version, the commit timestamp (when it became
 * visible), the operation, the streaming batch id when the commit carries one ({@code txn.version}) and whether it
 * added a given data file.
 *
 * @param batch the micro-batch id the commit belongs to (bronze appends carry it), null when the commit has none
 */
public record DeltaCommit(long version, long timestampMs, String operation, Long batch, boolean addsFile) {

    /** Operations that change data; compaction (OPTIMIZE) and metadata commits move or describe rows only. */
    static final Set<String> DATA_OPERATIONS = Set.of("WRITE", "MERGE", "STREAMING UPDATE", "UPDATE", "DELETE",
            "CREATE TABLE AS SELECT", "REPLACE TABLE AS SELECT", "CREATE OR REPLACE TABLE AS SELECT");

    boolean changesData() {
        return operation != null && DATA_OPERATIONS.contains(operation);
    }

    /**
     * The commit that made a row visible: the data commit that added the file the row is in; when that file was
     * written by a compaction since, the first data commit at or after the row's ingest time (the job commits a
     * batch's rows after reading them, and batches run one after another). Empty when the log holds neither.
     */
    public static Optional<DeltaCommit> thatWrote(List<DeltaCommit> commits, long ingestedAtMs) {
        List<DeltaCommit> ordered = commits.stream().sorted(Comparator.comparingLong(DeltaCommit::version)).toList();
        Optional<DeltaCommit> adding = ordered.stream().filter(c -> c.addsFile() && c.changesData()).findFirst();
        if (adding.isPresent()) {
            return adding;
        }
        return ordered.stream().filter(c -> c.changesData() && c.timestampMs() >= ingestedAtMs).findFirst();
    }
}
