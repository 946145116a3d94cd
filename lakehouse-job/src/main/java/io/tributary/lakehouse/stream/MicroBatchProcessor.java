package io.tributary.lakehouse.stream;

import static org.apache.spark.sql.functions.col;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.lake.TableNames;
import io.tributary.lakehouse.metrics.JobMetrics;
import io.tributary.lakehouse.parking.FailureClassifier;
import io.tributary.lakehouse.parking.FailureKind;
import io.tributary.lakehouse.parking.ParkedTable;
import io.tributary.lakehouse.parking.ReplayHorizon;
import io.tributary.lakehouse.parking.TableNotParkedException;
import io.tributary.lakehouse.parking.TableParking;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Lock;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foreachBatch adapter: splits a Kafka micro-batch by table and writes the tables in parallel
 * ({@link TableBatchWriter}), each one on its own. What it catches, and what becomes of it:
 * <ul>
 *   <li>a table's write failure ({@code writeOrPark}): an infrastructure failure (S3, Kafka, registry, a lost commit
 *       race) is thrown on and fails the batch: the query stops and a restart replays it (every write is idempotent);
 *       any other exception parks that table ({@link TableParking}): its records of this batch and of every later
 *       one are kept, in order, until {@link #resume} replays them; every other table goes on. A failure to park,
 *       and an {@link Error}, fail the batch;</li>
 *   <li>the tables' tasks ({@code awaitAll}): every table's task is awaited, then the first failure is thrown (the
 *       others ride along as suppressed exceptions only when it is a checked one);</li>
 *   <li>the batch ({@link #call}): a failure is counted and logged in one line, then thrown on to Spark.</li>
 * </ul>
 * So a failure either fails the batch or parks its table with the records: no record is dropped.
 */
public final class MicroBatchProcessor implements VoidFunction2<Dataset<Row>, Long> {

    private static final Logger LOG = LoggerFactory.getLogger(MicroBatchProcessor.class);
    private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

    private final SparkSession spark;
    private final LakehouseConfig config;
    private final TableNames names;
    private final TableBatchWriter writer;
    private final TableParking parking;
    private final JobMetrics metrics;
    private final Lock writeLock;
    private final ExecutorService tablePool;

    MicroBatchProcessor(SparkSession spark, LakehouseConfig config, TableBatchWriter writer, TableParking parking,
                        JobMetrics metrics, Lock writeLock, ExecutorService tablePool) {
        this.spark = spark;
        this.config = config;
        this.names = new TableNames(config.topicPrefix(), config.sourceSchema());
        this.writer = writer;
        this.parking = parking;
        this.metrics = metrics;
        this.writeLock = writeLock;
        this.tablePool = tablePool;
        parking.all().values().forEach(metrics::parked);
    }

    @Override
    public void call(Dataset<Row> kafka, Long batchId) throws Exception {
        writeLock.lock();
        long started = System.nanoTime();
        long compiledBefore = compilations();
        try {
            long rows = process(kafka, batchId);
            double seconds = (System.nanoTime() - started) / 1e9;
            metrics.batchCompleted(seconds, rows);
            long compiled = compilations();
            metrics.codegenCompilations(compiled);
            LOG.info("batch {}: {} records in {} s ({} classes compiled)", batchId, rows,
                    String.format("%.2f", seconds), compiled - compiledBefore);
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
        String appId = appId();
        Dataset<Row> batch = kafka.select("key", "value", "topic", "partition", "offset", "timestamp")
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            BatchTables contents = BatchTables.of(batch, names);
            metrics.tombstonesSkipped(contents.tombstones());
            awaitAll(submitTableWrites(batch, contents, appId, batchId));
            return contents.records();
        } finally {
            batch.unpersist();
        }
    }

    /** The Delta transaction id of this query's writes: a replayed batch is recognised by it. */
    private String appId() {
        String queryId = spark.sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
        return "tributary-lakehouse:" + (queryId == null ? config.queryName() : queryId);
    }

    /** One task per table on the table pool, each in its own Spark scheduler pool. */
    private List<Future<?>> submitTableWrites(Dataset<Row> batch, BatchTables contents, String appId, long batchId) {
        List<Future<?>> futures = new ArrayList<>();
        for (Map.Entry<String, BatchTables.Schemas> e : contents.tables().entrySet()) {
            String table = e.getKey();
            Dataset<Row> raw = batch.filter(col("value").isNotNull()
                    .and(col("topic").isin(e.getValue().topics.toArray())));
            Callable<Void> task = () -> {
                spark.sparkContext().setLocalProperty("spark.scheduler.pool", table);
                spark.sparkContext().setJobDescription("tributary " + table + " batch " + batchId);
                writeOrPark(table, e.getValue(), raw, appId, batchId);
                return null;
            };
            futures.add(tablePool.submit(task));
        }
        return futures;
    }

    private void writeOrPark(String table, BatchTables.Schemas ids, Dataset<Row> raw, String appId, long batchId)
            throws Exception {
        var parked = parking.parked(table);
        if (parked.isPresent()) {
            parking.keep(table, raw, parked.get().reason(), batchId);
            LOG.info("batch {} {}: parked since batch {}, records kept for the resume", batchId, table,
                    parked.get().batchId());
            return;
        }
        try {
            writer.write(table, ids, raw, appId, batchId, false);
        } catch (Exception e) { // Spark's and Delta's checked exceptions arrive undeclared
            if (FailureClassifier.classify(e) == FailureKind.INFRASTRUCTURE) {
                throw e;
            }
            LOG.error("batch {} {}: the table's write failed; parking the table", batchId, table, e);
            metrics.parked(parking.park(table, raw, FailureClassifier.reason(e), batchId));
        }
    }

    /**
     * Replays a parked table's records in Kafka order through the normal write, then lets it stream again. Runs between
     * batches (under the write lock). Throws when the table is not parked or the replay fails (it stays parked).
     */
    public String resume(String table) {
        writeLock.lock();
        try {
            SparkSession.setActiveSession(spark); // the caller's thread (HTTP) has none: encoders follow its settings
            ParkedTable parked = parking.parked(table).orElseThrow(() -> new TableNotParkedException(
                    "table " + table + " is not parked (parked: " + parking.all().keySet() + ")"));
            Dataset<Row> raw = parking.records(table).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Row oldest = raw.agg(org.apache.spark.sql.functions.min("timestamp")).first();
                ReplayHorizon.check(table, oldest.isNullAt(0) ? null : oldest.<java.time.Instant>getAs(0),
                        java.time.Instant.now(), config.tombstoneRetention());
                BatchTables contents = BatchTables.of(raw, names);
                BatchTables.Schemas ids = contents.tables().get(table);
                if (ids != null) {
                    writer.write(table, ids, raw.filter(col("value").isNotNull()), "tributary-resume:" + table,
                            parked.batchId(), true);
                }
                parking.resumed(table, parked.batchId());
                metrics.resumed(table);
                return "resumed " + table + ": replayed " + contents.records() + " parked records\n";
            } finally {
                raw.unpersist();
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Spark's count of generated classes compiled in this JVM (its code cache misses). */
    static long compilations() {
        return org.apache.spark.metrics.source.CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
    }

    private static void awaitAll(List<Future<?>> futures) throws InterruptedException, ExecutionException {
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
            if (failure.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw failure;
        }
    }
}
