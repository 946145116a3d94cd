package io.tributary.lakehouse.stream;

import static org.apache.spark.sql.functions.col;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.decode.RecordDecoder;
import io.tributary.lakehouse.decode.RegistryLayouts;
import io.tributary.lakehouse.decode.TableLayout;
import io.tributary.lakehouse.lake.BronzeWriter;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.LiveFiles;
import io.tributary.lakehouse.lake.MergeOutcome;
import io.tributary.lakehouse.lake.QuarantineWriter;
import io.tributary.lakehouse.lake.SilverWriter;
import io.tributary.lakehouse.lake.SmallFileCompaction;
import io.tributary.lakehouse.lake.TableBatchStats;
import io.tributary.lakehouse.metrics.JobMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one table's raw Kafka records of a batch: decodes them once (cached), quarantines poison records, appends
 * the rest to bronze and MERGEs them into silver, and compacts either when it gathered enough small files. The unit a failure is confined to: whatever it throws concerns this
 * table (or the infrastructure, which {@code parking.FailureClassifier} tells apart).
 */
final class TableBatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TableBatchWriter.class);

    private final LakehouseConfig config;
    private final BronzeWriter bronze;
    private final SilverWriter silver;
    private final QuarantineWriter quarantine;
    private final SmallFileCompaction compaction;
    private final LakePaths paths;
    private final LiveFiles liveFiles;
    private final JobMetrics metrics;

    TableBatchWriter(LakehouseConfig config, BronzeWriter bronze, SilverWriter silver, QuarantineWriter quarantine,
                     SmallFileCompaction compaction, LakePaths paths, LiveFiles liveFiles, JobMetrics metrics) {
        this.config = config;
        this.bronze = bronze;
        this.silver = silver;
        this.quarantine = quarantine;
        this.compaction = compaction;
        this.paths = paths;
        this.liveFiles = liveFiles;
        this.metrics = metrics;
    }

    /**
     * @param raw    the table's records (key, value, topic, partition, offset, timestamp)
     * @param appId  Delta transaction app id of this query (or of a resume)
     * @param replay true when replaying parked records: bronze keeps only records it does not hold yet
     */
    void write(String table, BatchTables.Schemas ids, Dataset<Row> raw, String appId, long batchId, boolean replay) {
        long started = System.nanoTime();
        TableLayout layout = layoutOf(table, ids);
        RecordDecoder decoder = new RecordDecoder(config.schemaRegistryUrl(), layout, config.toastPlaceholder());
        StructType schema = layout.decodedSchema();
        Dataset<Row> decoded = raw.mapPartitions(new DecodePartition(decoder), Encoders.row(schema))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            TableBatchStats stats = TableBatchStats.of(decoded);
            String tableAppId = appId + "/" + table;
            if (stats.poison() > 0) {
                quarantine.append(QuarantineWriter.project(table, decoded.filter(col(TableLayout.ERROR).isNotNull()),
                        batchId), tableAppId, batchId);
                metrics.quarantined(stats.poison());
                LOG.warn("batch {} {}: {} poison records quarantined", batchId, table, stats.poison());
            }
            if (stats.changes() == 0) {
                return;
            }
            Dataset<Row> good = decoded.filter(col(TableLayout.ERROR).isNull());
            long bronzeStarted = System.nanoTime();
            if (replay) {
                bronze.appendMissing(table, good);
            } else {
                bronze.append(table, good, appId, batchId);
            }
            metrics.bronzeAppended(table, stats.changes());
            long bronzeDone = System.nanoTime();
            MergeOutcome outcome = silver.write(layout, good, stats);
            metrics.changesVisible(stats.sourceTsCounts());
            metrics.merged(table, outcome.rowsMerged());
            stats.maxSourceTsMs().ifPresent(ts -> metrics.applied(table, ts));
            long compactionStarted = System.nanoTime();
            compaction.afterWrite("bronze." + table, paths.bronze(table));
            if (outcome != MergeOutcome.NONE) {
                compaction.afterWrite("silver." + table, paths.silver(table));
            }
            long compactionDone = System.nanoTime();
            liveFiles.bronze(table).ifPresent(n -> metrics.liveFiles("bronze", table, n));
            if (outcome != MergeOutcome.NONE) {
                liveFiles.silver(table).ifPresent(n -> metrics.liveFiles("silver", table, n));
            }
            LOG.info("batch {} {}: {} changes, decode+stats {} s, bronze {} s, silver {} s ({} inserted, {} updated),"
                    + " compaction {} s", batchId, table, stats.changes(), seconds(bronzeStarted - started),
                    seconds(bronzeDone - bronzeStarted), seconds(compactionStarted - bronzeDone),
                    outcome.rowsInserted(), outcome.rowsUpdated(), seconds(compactionDone - compactionStarted));
        } finally {
            decoded.unpersist();
        }
    }

    private TableLayout layoutOf(String table, BatchTables.Schemas ids) {
        return RegistryLayouts.layoutOf(config.schemaRegistryUrl(), table, ids.keyIds, ids.valueIds);
    }

    private static String seconds(long nanos) {
        return String.format("%.2f", nanos / 1e9);
    }
}
