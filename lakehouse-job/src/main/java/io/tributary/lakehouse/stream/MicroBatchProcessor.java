package io.tributary.lakehouse.stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.decode.RecordDecoder;
import io.tributary.lakehouse.decode.RegistryClients;
import io.tributary.lakehouse.decode.TableLayout;
import io.tributary.lakehouse.decode.TableLayouts;
import io.tributary.lakehouse.lake.BronzeWriter;
import io.tributary.lakehouse.lake.MergeOutcome;
import io.tributary.lakehouse.lake.QuarantineWriter;
import io.tributary.lakehouse.lake.SilverWriter;
import io.tributary.lakehouse.lake.TableBatchStats;
import io.tributary.lakehouse.lake.TableNames;
import io.tributary.lakehouse.metrics.JobMetrics;
import io.tributary.serde.SchemaRegistryClient;
import io.tributary.serde.RegistryRequestException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Lock;
import org.apache.avro.Schema;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foreachBatch adapter: splits a Kafka micro-batch by table, decodes it, and hands it to the writers
 * (quarantine, bronze, silver). It decides nothing itself and catches nothing: any failure fails the batch, the
 * query stops, and a restart replays the batch from the checkpoint (every write is idempotent).
 */
public final class MicroBatchProcessor implements VoidFunction2<Dataset<Row>, Long> {

    private static final Logger LOG = LoggerFactory.getLogger(MicroBatchProcessor.class);
    private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

    private final SparkSession spark;
    private final LakehouseConfig config;
    private final TableNames names;
    private final BronzeWriter bronze;
    private final SilverWriter silver;
    private final QuarantineWriter quarantine;
    private final JobMetrics metrics;
    private final Lock writeLock;
    private final ExecutorService tablePool;

    public MicroBatchProcessor(SparkSession spark, LakehouseConfig config, BronzeWriter bronze, SilverWriter silver,
                               QuarantineWriter quarantine, JobMetrics metrics, Lock writeLock,
                               ExecutorService tablePool) {
        this.spark = spark;
        this.config = config;
        this.names = new TableNames(config.topicPrefix(), config.sourceSchema());
        this.bronze = bronze;
        this.silver = silver;
        this.quarantine = quarantine;
        this.metrics = metrics;
        this.writeLock = writeLock;
        this.tablePool = tablePool;
    }

    @Override
    public void call(Dataset<Row> kafka, Long batchId) throws Exception {
        writeLock.lock();
        long started = System.nanoTime();
        try {
            long rows = process(kafka, batchId);
            double seconds = (System.nanoTime() - started) / 1e9;
            metrics.batchCompleted(seconds, rows);
            LOG.info("batch {}: {} records in {} s", batchId, rows, String.format("%.2f", seconds));
        } catch (Exception | Error e) {
            metrics.batchFailed();
            // reported in full once, where the query's failure ends the command (LakehouseJobMain)
            LOG.warn("batch {} failed ({}); the query stops and the batch is replayed on restart", batchId,
                    e.toString());
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    private long process(Dataset<Row> kafka, long batchId) throws InterruptedException, ExecutionException {
        String queryId = spark.sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
        String appId = "tributary-lakehouse:" + (queryId == null ? config.queryName() : queryId);
        Dataset<Row> batch = kafka.select("key", "value", "topic", "partition", "offset", "timestamp")
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Dataset<Row>> cached = new ArrayList<>();
        try {
            List<Row> groups = batch.groupBy(col("topic"), schemaId("key").as("kid"), schemaId("value").as("vid"),
                    col("value").isNull().as("tombstone")).agg(count("*").as("n")).collectAsList();
            long total = 0;
            long tombstones = 0;
            Map<String, TableSchemas> tables = new TreeMap<>();
            for (Row g : groups) {
                long n = g.getLong(4);
                total += n;
                if (g.getBoolean(3)) {
                    tombstones += n;
                    continue;
                }
                TableSchemas t = tables.computeIfAbsent(names.tableOf(g.getString(0)), k -> new TableSchemas());
                t.topics.add(g.getString(0));
                if (!g.isNullAt(1)) {
                    t.keyIds.add(g.getLong(1));
                }
                if (!g.isNullAt(2)) {
                    t.valueIds.add(g.getLong(2));
                }
            }
            metrics.tombstonesSkipped(tombstones);
            if (tables.isEmpty()) {
                return total;
            }

            Map<String, TableLayout> layouts = new TreeMap<>();
            Map<String, Dataset<Row>> decodedByTable = new TreeMap<>();
            Dataset<Row> poison = null;
            for (Map.Entry<String, TableSchemas> e : tables.entrySet()) {
                String table = e.getKey();
                TableLayout layout = layoutOf(table, e.getValue());
                RecordDecoder decoder = new RecordDecoder(config.schemaRegistryUrl(), layout, config.toastPlaceholder());
                StructType schema = layout.decodedSchema();
                Dataset<Row> decoded = batch.filter(col("topic").isin(e.getValue().topics.toArray()))
                        .mapPartitions(new DecodePartition(decoder), Encoders.row(schema))
                        .persist(StorageLevel.MEMORY_AND_DISK());
                cached.add(decoded);
                layouts.put(table, layout);
                decodedByTable.put(table, decoded);
                Dataset<Row> p = QuarantineWriter.project(table, decoded.filter(col(TableLayout.ERROR).isNotNull()),
                        batchId);
                poison = poison == null ? p : poison.unionByName(p);
            }

            long poisonCount = poison.count();
            if (poisonCount > 0) {
                quarantine.append(poison, appId, batchId);
                metrics.quarantined(poisonCount);
                LOG.warn("batch {}: {} poison records quarantined", batchId, poisonCount);
            }

            List<Future<?>> futures = new ArrayList<>();
            for (String table : layouts.keySet()) {
                TableLayout layout = layouts.get(table);
                Dataset<Row> good = decodedByTable.get(table).filter(col(TableLayout.ERROR).isNull());
                Callable<Void> task = () -> {
                    writeTable(layout, good, appId, batchId);
                    return null;
                };
                futures.add(tablePool.submit(task));
            }
            ExecutionException failure = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e.getCause());
                    }
                }
            }
            if (failure != null) {
                Throwable cause = failure.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw failure;
            }
            return total;
        } finally {
            cached.forEach(Dataset::unpersist);
            batch.unpersist();
        }
    }

    private void writeTable(TableLayout layout, Dataset<Row> good, String appId, long batchId) {
        String table = layout.table();
        spark.sparkContext().setJobDescription("tributary " + table + " batch " + batchId);
        long started = System.nanoTime();
        TableBatchStats stats = TableBatchStats.of(good, layout);
        if (stats.changes() == 0) {
            return;
        }
        long bronzeStarted = System.nanoTime();
        bronze.append(table, good, appId, batchId);
        metrics.bronzeAppended(table, stats.changes());
        long bronzeDone = System.nanoTime();
        MergeOutcome outcome = silver.write(layout, good, stats);
        metrics.merged(table, outcome.rowsMerged());
        stats.maxSourceTsMs().ifPresent(ts -> metrics.applied(table, ts));
        LOG.info("batch {} {}: {} changes, stats {} s, bronze {} s, silver {} s ({} inserted, {} updated)", batchId,
                table, stats.changes(), seconds(bronzeStarted - started), seconds(bronzeDone - bronzeStarted),
                seconds(System.nanoTime() - bronzeDone), outcome.rowsInserted(), outcome.rowsUpdated());
    }

    private static String seconds(long nanos) {
        return String.format("%.2f", nanos / 1e9);
    }

    /** The layout of a table from the schema ids of this batch; records of unknown ids are poison. */
    private TableLayout layoutOf(String table, TableSchemas ids) {
        SchemaRegistryClient registry = RegistryClients.forUrl(config.schemaRegistryUrl());
        Map<Integer, Schema> values = fetch(registry, ids.valueIds);
        Map<Integer, Schema> keys = fetch(registry, ids.keyIds);
        return TableLayouts.derive(table, values, keys).orElseGet(() -> {
            LOG.warn("table {}: no Debezium envelope schema among ids {}; its records go to the quarantine", table,
                    ids.valueIds);
            return new TableLayout(table, new StructType(), new StructType(), new StructType(), null, null);
        });
    }

    private static Map<Integer, Schema> fetch(SchemaRegistryClient registry, TreeSet<Long> ids) {
        Map<Integer, Schema> schemas = new HashMap<>();
        for (long id : ids) {
            if (id > Integer.MAX_VALUE) {
                continue;
            }
            try {
                schemas.put((int) id, registry.getById((int) id));
            } catch (RegistryRequestException e) {
                if (e.httpStatus() != 404) {
                    throw e;
                }
                LOG.warn("schema id {} is unknown to the registry; its records go to the quarantine", id);
            }
        }
        return schemas;
    }

    /** The Confluent schema id of a framed column, or null when the bytes are not framed. */
    private static org.apache.spark.sql.Column schemaId(String column) {
        return expr("CASE WHEN length(" + column + ") >= 5 AND hex(substring(" + column + ", 1, 1)) = '00'"
                + " THEN CAST(conv(hex(substring(" + column + ", 2, 4)), 16, 10) AS BIGINT) END");
    }

    private static final class TableSchemas {
        final TreeSet<String> topics = new TreeSet<>();
        final TreeSet<Long> keyIds = new TreeSet<>();
        final TreeSet<Long> valueIds = new TreeSet<>();
    }
}
