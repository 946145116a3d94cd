package io.tributary.lakehouse.history;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.LakeTables;
import io.tributary.lakehouse.lake.SchemaEvolution;
import io.tributary.lakehouse.lake.SilverColumns;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * History's current versions of a table against silver's live rows, over every data column both have: what SCD2
 * history promises (its current rows are the table as it is now). Used by {@code validate} and by
 * {@code reconcile --history}.
 */
public final class HistoryAgainstSilver {

    /**
     * One table compared.
     *
     * @param historyRows   current versions compared
     * @param silverRows    live silver rows compared
     * @param onlyInHistory current versions silver has no equal row for
     * @param onlySilver    live silver rows history has no equal current version for
     * @param inFlight      keys left out because silver or history holds a change after the snapshot's LSN
     * @param firstKeys     some keys of differing rows (key columns joined by ','), for the reader to look up
     */
    public record Comparison(String table, long historyRows, long silverRows, long onlyInHistory, long onlySilver,
                             long inFlight, List<String> firstKeys) {

        public Comparison {
            firstKeys = List.copyOf(firstKeys);
        }

        public boolean equal() {
            return onlyInHistory == 0 && onlySilver == 0;
        }
    }

    private final SparkSession spark;
    private final LakePaths paths;

    public HistoryAgainstSilver(SparkSession spark, LakePaths paths) {
        this.spark = spark;
        this.paths = paths;
    }

    /** Whether both tables exist. */
    public boolean comparable(String table) {
        var conf = spark.sparkContext().hadoopConfiguration();
        return LakeTables.exists(conf, paths.history(table)) && LakeTables.exists(conf, paths.silver(table));
    }

    /**
     * Compares the table (both must exist: {@link #comparable}).
     *
     * @param keys   the table's key columns (empty: keys are neither left out nor reported)
     * @param upTo   a snapshot's LSN: keys with a change after it in silver or in history are left out (a pipeline
     *               that still runs moves them while they are read); empty: every key
     * @param sample how many differing keys to report
     */
    public Comparison compare(String table, List<String> keys, OptionalLong upTo, int sample) {
        Dataset<Row> silverAll = spark.read().format("delta").load(paths.silver(table));
        Dataset<Row> historyAll = spark.read().format("delta").load(paths.history(table));
        Dataset<Row> silver = silverAll.where("NOT " + SilverColumns.DELETED);
        Dataset<Row> history = historyAll.where(col(HistoryColumns.IS_CURRENT));
        long inFlight = 0;
        if (upTo.isPresent() && !keys.isEmpty()) {
            Column[] keyCols = columns(keys);
            Dataset<Row> newer = silverAll.where(col(SilverColumns.LSN).gt(upTo.getAsLong())).select(keyCols)
                    .union(historyAll.groupBy(keyCols).agg(max(coalesce(col(HistoryColumns.LSN_TO),
                                    col(HistoryColumns.LSN_FROM))).as("last"))
                            .where(col("last").gt(upTo.getAsLong())).select(keyCols))
                    .distinct().cache();
            try {
                inFlight = newer.count();
                scala.collection.immutable.Seq<String> on = scala.jdk.javaapi.CollectionConverters.asScala(keys).toSeq();
                silver = silver.join(newer, on, "left_anti");
                history = history.join(newer, on, "left_anti");
                return compare(table, keys, history, silver, inFlight, sample);
            } finally {
                newer.unpersist();
            }
        }
        return compare(table, keys, history, silver, inFlight, sample);
    }

    private static Comparison compare(String table, List<String> keys, Dataset<Row> history, Dataset<Row> silver,
                                      long inFlight, int sample) {
        Set<String> silverColumns = new HashSet<>(Arrays.asList(silver.columns()));
        List<String> common = Arrays.stream(history.columns())
                .filter(c -> !HistoryColumns.isMetadata(c) && silverColumns.contains(c)).toList();
        Dataset<Row> h = history.select(columns(common));
        Dataset<Row> s = silver.select(columns(common));
        Dataset<Row> onlyHistory = h.exceptAll(s).cache();
        Dataset<Row> onlySilver = s.exceptAll(h).cache();
        try {
            List<String> firstKeys = keys.isEmpty() ? List.of() : onlyHistory.select(columns(keys))
                    .union(onlySilver.select(columns(keys))).distinct().limit(sample).collectAsList().stream()
                    .map(HistoryAgainstSilver::keyText).toList();
            return new Comparison(table, h.count(), s.count(), onlyHistory.count(), onlySilver.count(), inFlight,
                    firstKeys);
        } finally {
            onlyHistory.unpersist();
            onlySilver.unpersist();
        }
    }

    private static String keyText(Row key) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            sb.append(i == 0 ? "" : ",").append(key.isNullAt(i) ? "null" : key.get(i).toString());
        }
        return sb.toString();
    }

    private static Column[] columns(List<String> names) {
        return names.stream().map(c -> col(SchemaEvolution.quote(c))).toArray(Column[]::new);
    }
}
