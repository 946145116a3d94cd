package io.tributary.lakehouse.lake;

import io.delta.tables.DeltaTable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the lake's files few and large and its history bounded: OPTIMIZE (bin-packing compaction) of every silver
 * and bronze table and the quarantine, the purge of silver tombstones older than the horizon, and VACUUM of files
 * no version younger than the retention needs.
 */
public final class Maintenance {

    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    /** What one maintenance run did to one table. */
    public record TableReport(String table, long filesRemoved, long filesAdded, long tombstonesPurged) {
    }

    private final SparkSession spark;
    private final LakePaths paths;
    private final CommitRetry retry;
    private final Duration vacuumRetention;
    private final Duration tombstoneRetention;
    private final Clock clock;

    public Maintenance(SparkSession spark, LakePaths paths, CommitRetry retry, Duration vacuumRetention,
                       Duration tombstoneRetention, Clock clock) {
        this.spark = spark;
        this.paths = paths;
        this.retry = retry;
        this.vacuumRetention = vacuumRetention;
        this.tombstoneRetention = tombstoneRetention;
        this.clock = clock;
    }

    public List<TableReport> run() {
        long started = System.nanoTime();
        var conf = spark.sparkContext().hadoopConfiguration();
        List<TableReport> reports = new ArrayList<>();
        for (String table : LakeTables.list(conf, paths.silverRoot())) {
            reports.add(maintain("silver." + table, paths.silver(table), true));
        }
        for (String table : LakeTables.list(conf, paths.bronzeRoot())) {
            reports.add(maintain("bronze." + table, paths.bronze(table), false));
        }
        if (LakeTables.exists(conf, paths.quarantine())) {
            reports.add(maintain("lake.quarantine", paths.quarantine(), false));
        }
        LOG.info("maintenance of {} tables done in {} s", reports.size(),
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
        return reports;
    }

    private TableReport maintain(String name, String path, boolean silver) {
        DeltaTable table = DeltaTable.forPath(spark, path);
        long purged = 0;
        if (silver && !tombstoneRetention.isZero()) {
            long horizon = clock.millis() - tombstoneRetention.toMillis();
            String condition = SilverColumns.DELETED + " AND " + SilverColumns.SOURCE_TS_MS + " < " + horizon;
            purged = retry.run("purge tombstones of " + name, () -> {
                var metrics = spark.sql("DELETE FROM " + LakePaths.deltaRef(path) + " WHERE " + condition).first();
                return metrics.isNullAt(0) ? 0L : metrics.getLong(0);
            });
        }
        var optimize = retry.run("OPTIMIZE " + name, () -> table.optimize().executeCompaction().first());
        var stats = optimize.getStruct(1);
        long removed = stats.<Long>getAs("numFilesRemoved");
        long added = stats.<Long>getAs("numFilesAdded");
        retry.run("VACUUM " + name, () -> table.vacuum(vacuumRetention.toMillis() / 3_600_000.0));
        LOG.info("maintenance {}: compacted {} files into {}, purged {} tombstones", name, removed, added, purged);
        return new TableReport(name, removed, added, purged);
    }
}
