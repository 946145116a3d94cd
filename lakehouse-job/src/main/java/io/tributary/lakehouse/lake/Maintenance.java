package io.tributary.lakehouse.lake;

import io.delta.tables.DeltaTable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the lake's files few and large and its history bounded: OPTIMIZE (bin-packing compaction) of every silver
 * and bronze table and the quarantine, the purge of silver tombstones older than the horizon, and VACUUM of files
 * no version younger than the retention needs.
 *
 * <p>A scheduled run ({@code changedOnly}) skips a table that nobody but maintenance wrote since its last
 * maintenance, until the vacuum retention has passed (then files removed by that run become vacuumable): idle tables
 * cost one small log read per run, not an OPTIMIZE and a VACUUM listing, also right after a restart.
 */
public final class Maintenance {

    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
    private static final java.util.Set<String> MAINTENANCE_OPERATIONS = java.util.Set.of("OPTIMIZE", "VACUUM START",
            "VACUUM END");

    /** What one maintenance run did to one table. */
    public record TableReport(String table, long filesRemoved, long filesAdded, long tombstonesPurged) {
    }

    private final SparkSession spark;
    private final LakePaths paths;
    private final CommitRetry retry;
    private final Duration vacuumRetention;
    private final Duration tombstoneRetention;
    private final Clock clock;
    /** Per table path: its version after our last maintenance, and when that was (epoch ms). */
    private final Map<String, long[]> lastMaintained = new ConcurrentHashMap<>();

    public Maintenance(SparkSession spark, LakePaths paths, CommitRetry retry, Duration vacuumRetention,
                       Duration tombstoneRetention, Clock clock) {
        this.spark = spark;
        this.paths = paths;
        this.retry = retry;
        this.vacuumRetention = vacuumRetention;
        this.tombstoneRetention = tombstoneRetention;
        this.clock = clock;
    }

    /** Maintains every table (on demand). */
    public List<TableReport> run() {
        return run(false);
    }

    /** @param changedOnly skip tables unchanged since their last maintenance (the schedule) */
    public List<TableReport> run(boolean changedOnly) {
        long started = System.nanoTime();
        var conf = spark.sparkContext().hadoopConfiguration();
        List<TableReport> reports = new ArrayList<>();
        int skipped = 0;
        List<Target> targets = new ArrayList<>();
        for (String table : LakeTables.list(conf, paths.silverRoot())) {
            targets.add(new Target("silver." + table, paths.silver(table), true));
        }
        for (String table : LakeTables.list(conf, paths.bronzeRoot())) {
            targets.add(new Target("bronze." + table, paths.bronze(table), false));
        }
        if (LakeTables.exists(conf, paths.quarantine())) {
            targets.add(new Target("lake.quarantine", paths.quarantine(), false));
        }
        for (Target t : targets) {
            DeltaTable table = DeltaTable.forPath(spark, t.path());
            if (changedOnly && unchangedSinceLastRun(t.path(), table)) {
                skipped++;
                continue;
            }
            reports.add(maintain(t.name(), t.path(), table, t.silver()));
            lastMaintained.put(t.path(), new long[] {version(table), clock.millis()});
        }
        LOG.info("maintenance of {} tables done in {} s ({} unchanged skipped)", reports.size(),
                String.format("%.1f", (System.nanoTime() - started) / 1e9), skipped);
        return reports;
    }

    private record Target(String name, String path, boolean silver) {
    }

    /**
     * True when nothing but maintenance wrote the table since its last maintenance (by this object, or, after a
     * restart, when its newest commit is an OPTIMIZE or VACUUM), less than the vacuum retention ago.
     */
    private boolean unchangedSinceLastRun(String path, DeltaTable table) {
        Row newest = table.history(1).select("version", "timestamp", "operation").first();
        long retention = Math.max(vacuumRetention.toMillis(), 1);
        long[] ours = lastMaintained.get(path);
        if (ours != null && ours[0] == newest.getLong(0)) {
            return clock.millis() - ours[1] < retention;
        }
        Object at = newest.get(1);
        long atMillis = at instanceof java.time.Instant i ? i.toEpochMilli() : ((java.sql.Timestamp) at).getTime();
        return MAINTENANCE_OPERATIONS.contains(newest.getString(2)) && clock.millis() - atMillis < retention;
    }

    private static long version(DeltaTable table) {
        return table.history(1).select("version").first().getLong(0);
    }

    private TableReport maintain(String name, String path, DeltaTable table, boolean silver) {
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
