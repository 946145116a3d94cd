package io.tributary.lakehouse.lake;

import io.delta.tables.DeltaTable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bin-packs the small files of a table the streaming job writes, between two of its writes and in the thread that
 * wrote: once the table holds {@code afterFiles} more live files than it held after its last compaction by this
 * object (or than none, the first time), its files below {@link #SMALL_FILE_BYTES} are compacted with OPTIMIZE.
 *
 * <p>It replaces Delta's auto compaction, which counts a table's small files in the writing JVM only: after the job
 * restarted, its first compaction removed more files than the new JVM had counted, and from then on it compacted the
 * table after every write. Here the count comes from the table's latest version (its checksum), so a restart changes
 * nothing but the baseline, which starts at zero again. A compacted file is not small any more (16 batches' files at
 * 1k changes/s are about 16 MB), so later compactions leave it alone and each one costs the new files only; the
 * hourly maintenance still VACUUMs what compactions removed.
 */
public final class SmallFileCompaction {

    /** Files below this size are compacted; Delta's OPTIMIZE default (1 GB) would rewrite the whole table each time. */
    public static final long SMALL_FILE_BYTES = 8L << 20;
    /** Delta's setting for the size below which OPTIMIZE rewrites a file. */
    static final String OPTIMIZE_MIN_FILE_SIZE = "spark.databricks.delta.optimize.minFileSize";

    private static final Logger LOG = LoggerFactory.getLogger(SmallFileCompaction.class);

    /** What one compaction did. */
    public record Compacted(long filesBefore, long filesRemoved, long filesAdded) {
    }

    private final SparkSession spark;
    /** The session OPTIMIZE runs in: the job's, with its own small-file size (the maintenance keeps Delta's). */
    private final SparkSession compactionSession;
    private final CommitRetry retry;
    private final int afterFiles;
    /** Per table path: its live files after our last compaction. */
    private final Map<String, Long> filesAfterCompaction = new ConcurrentHashMap<>();

    /** @param afterFiles live files a table gains before it is compacted (0: never) */
    public SmallFileCompaction(SparkSession spark, CommitRetry retry, int afterFiles) {
        this(spark, retry, afterFiles, SMALL_FILE_BYTES);
    }

    /** With another small-file size (tests: compacted files are kilobytes there). */
    SmallFileCompaction(SparkSession spark, CommitRetry retry, int afterFiles, long smallFileBytes) {
        if (afterFiles < 0) {
            throw new IllegalArgumentException("afterFiles must be 0 (never) or more, not " + afterFiles);
        }
        this.spark = spark;
        this.retry = retry;
        this.afterFiles = afterFiles;
        this.compactionSession = spark.newSession();
        compactionSession.conf().set(OPTIMIZE_MIN_FILE_SIZE, Long.toString(smallFileBytes));
    }

    /**
     * Whether a table is due: it holds {@code afterFiles} files more than after its last compaction (pure; visible for
     * tests). A baseline above the current count (maintenance compacted, or a MERGE rewrote files) counts as the count.
     */
    static boolean due(long files, long filesAfterLastCompaction, int afterFiles) {
        return afterFiles > 0 && files - Math.min(files, filesAfterLastCompaction) >= afterFiles;
    }

    /** Call after each write of this job to the table at {@code path}; compacts it when it is due. */
    public Optional<Compacted> afterWrite(String name, String path) {
        if (afterFiles == 0) {
            return Optional.empty();
        }
        long files = liveFiles(path);
        long baseline = filesAfterCompaction.getOrDefault(path, 0L);
        if (!due(files, baseline, afterFiles)) {
            filesAfterCompaction.put(path, Math.min(files, baseline));
            return Optional.empty();
        }
        long started = System.nanoTime();
        Row stats = retry.run("compaction of " + name,
                () -> DeltaTable.forPath(compactionSession, path).optimize().executeCompaction().first().getStruct(1));
        long removed = stats.<Long>getAs("numFilesRemoved");
        long added = stats.<Long>getAs("numFilesAdded");
        long after = liveFiles(path);
        filesAfterCompaction.put(path, after);
        LOG.info("{}: {} live files, compacted {} small ones into {} in {} s ({} live files now)", name, files, removed,
                added, String.format("%.2f", (System.nanoTime() - started) / 1e9), after);
        return Optional.of(new Compacted(files, removed, added));
    }

    /**
     * The table's live files in the version this JVM last wrote or read (no listing of the log): from its checksum,
     * else counted (a Spark job; Delta writes a checksum with every commit of this job, so that is the exception).
     */
    private long liveFiles(String path) {
        return LiveFiles.of(spark, path).orElseGet(() -> {
            LOG.debug("{}: no checksum of the latest version, counting its files", path);
            return DeltaLog.forTable(spark, path).unsafeVolatileSnapshot().numOfFiles();
        });
    }
}
