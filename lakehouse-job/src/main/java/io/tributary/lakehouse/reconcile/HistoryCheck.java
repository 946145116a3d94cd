package io.tributary.lakehouse.reconcile;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.history.HistoryAgainstSilver;
import io.tributary.lakehouse.history.HistoryWriter;
import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.LakeTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reconcile --history}: brings each compared table's SCD2 history up to its bronze changelog (the incremental,
 * idempotent {@code history} run), then compares its current rows with silver's live rows, keys changed after the
 * snapshot left out. A table without bronze has no history to check.
 */
final class HistoryCheck {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryCheck.class);

    private HistoryCheck() {
    }

    /** @param keysByTable the compared tables and their key columns */
    static List<HistoryAgainstSilver.Comparison> run(SparkSession spark, LakehouseConfig config, LakePaths paths,
            Map<String, List<String>> keysByTable, long snapshotLsn, int sample) {
        HistoryWriter writer = new HistoryWriter(spark, paths, new CommitRetry(config.commitRetries(),
                config.commitBackoff()));
        HistoryAgainstSilver against = new HistoryAgainstSilver(spark, paths);
        List<HistoryAgainstSilver.Comparison> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : keysByTable.entrySet()) {
            String table = e.getKey();
            if (!LakeTables.exists(spark.sparkContext().hadoopConfiguration(), paths.bronze(table))) {
                continue;
            }
            writer.update(table); // logs what it folded
            if (!against.comparable(table)) {
                continue;
            }
            HistoryAgainstSilver.Comparison c = against.compare(table, e.getValue(), OptionalLong.of(snapshotLsn),
                    sample);
            LOG.info("history.{}: {} current rows, silver {}, only in history {}, only in silver {}, in flight {}", table,
                    c.historyRows(), c.silverRows(), c.onlyInHistory(), c.onlySilver(), c.inFlight());
            out.add(c);
        }
        return out;
    }
}
