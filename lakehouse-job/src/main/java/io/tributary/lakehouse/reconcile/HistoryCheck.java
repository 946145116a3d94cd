package io.tributary.lakehouse.reconcile;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.history.HistoryAgainstSilver;
import io.tributary.lakehouse.history.HistoryWriter;
import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.LakeTables;
import io.tributary.lakehouse.stream.DaemonThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reconcile --history}: brings each compared table's SCD2 history up to its bronze changelog (the incremental,
 * idempotent {@code history} run), then compares its current rows with silver's live rows, keys changed after the
 * snapshot left out. A table without bronze has no history to check.
 *
 * <p>Tables are checked {@code TRIBUTARY_LAKEHOUSE_TABLE_PARALLELISM} at a time, each in its own Spark session (the
 * history MERGE sets its Delta transaction id in the session's conf) and scheduler pool: a table's check is mostly
 * Delta log reads and commits on S3, which overlap well even on two cores.
 */
final class HistoryCheck {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryCheck.class);

    private HistoryCheck() {
    }

    /** @param keysByTable the compared tables and their key columns; the comparisons come back in this order */
    static List<HistoryAgainstSilver.Comparison> run(SparkSession spark, LakehouseConfig config, LakePaths paths,
            Map<String, List<String>> keysByTable, long snapshotLsn, int sample) {
        int threads = Math.max(1, Math.min(config.tableParallelism(), keysByTable.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("history-check"));
        try {
            List<Future<Optional<HistoryAgainstSilver.Comparison>>> checks = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : keysByTable.entrySet()) {
                SparkSession session = spark.newSession();
                checks.add(pool.submit(() -> check(session, config, paths, e.getKey(), e.getValue(), snapshotLsn, sample)));
            }
            List<HistoryAgainstSilver.Comparison> out = new ArrayList<>();
            for (Future<Optional<HistoryAgainstSilver.Comparison>> check : checks) {
                check.get().ifPresent(out::add);
            }
            return out;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("history check failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("history check interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Optional<HistoryAgainstSilver.Comparison> check(SparkSession spark, LakehouseConfig config,
            LakePaths paths, String table, List<String> keys, long snapshotLsn, int sample) {
        spark.sparkContext().setLocalProperty("spark.scheduler.pool", table);
        spark.sparkContext().setJobDescription("tributary reconcile --history " + table);
        if (!LakeTables.exists(spark.sparkContext().hadoopConfiguration(), paths.bronze(table))) {
            return Optional.empty();
        }
        new HistoryWriter(spark, paths, new CommitRetry(config.commitRetries(), config.commitBackoff()))
                .update(table); // logs what it folded
        HistoryAgainstSilver against = new HistoryAgainstSilver(spark, paths);
        if (!against.comparable(table)) {
            return Optional.empty();
        }
        HistoryAgainstSilver.Comparison c = against.compare(table, keys, OptionalLong.of(snapshotLsn), sample);
        LOG.info("history.{}: {} current rows, silver {}, only in history {}, only in silver {}, in flight {}", table,
                c.historyRows(), c.silverRows(), c.onlyInHistory(), c.onlySilver(), c.inFlight());
        return Optional.of(c);
    }
}
