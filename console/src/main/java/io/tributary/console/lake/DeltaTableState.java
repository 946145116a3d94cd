package io.tributary.console.lake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Delta table at one version, replayed from its commits 0..version: the live files (added and not removed since),
 * the schema and partition columns of the latest metaData. Pure.
 */
public record DeltaTableState(long version, List<DeltaCommit.AddedFile> liveFiles, String schemaString,
        List<String> partitionColumns) {

    /** Replays {@code commits} (versions 0 to n, in order, none missing). */
    public static DeltaTableState replay(List<DeltaCommit> commits) {
        if (commits.isEmpty()) {
            throw new IllegalArgumentException("a Delta table has at least the commit of version 0");
        }
        Map<String, DeltaCommit.AddedFile> live = new LinkedHashMap<>();
        String schema = null;
        List<String> partitions = List.of();
        long expected = 0;
        for (DeltaCommit commit : commits) {
            if (commit.version() != expected) {
                throw new IllegalArgumentException("the commits to replay skip from version " + (expected - 1) + " to "
                        + commit.version());
            }
            expected++;
            commit.removed().forEach(live::remove);
            commit.added().forEach(f -> live.put(f.path(), f));
            if (commit.schemaString() != null) {
                schema = commit.schemaString();
                partitions = commit.partitionColumns();
            }
        }
        return new DeltaTableState(expected - 1, List.copyOf(new ArrayList<>(live.values())), schema, partitions);
    }

    public long totalBytes() {
        return liveFiles.stream().mapToLong(DeltaCommit.AddedFile::size).sum();
    }
}
