package io.tributary.lakehouse.gold;

import static org.apache.spark.sql.functions.col;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.decode.RecordDecoder;
import io.tributary.lakehouse.decode.RegistryLayouts;
import io.tributary.lakehouse.decode.TableLayout;
import io.tributary.lakehouse.lake.TableNames;
import io.tributary.lakehouse.metrics.JobMetrics;
import io.tributary.lakehouse.stream.BatchTables;
import io.tributary.lakehouse.stream.DecodePartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gold query's foreachBatch adapter: decodes the batch's orders and products changes with the lake job's decoder,
 * hands them to {@link GoldWindows}, writes the outcome to the Delta gold tables and to serving, then stores the
 * windows' state. A failure fails the batch (the query stops); the restart replays it from the state stored for the
 * batch before, and both sinks recognise what they have already.
 */
public final class GoldBatchProcessor implements VoidFunction2<Dataset<Row>, Long> {

    private static final Logger LOG = LoggerFactory.getLogger(GoldBatchProcessor.class);
    static final String ORDERS = "orders";
    static final String PRODUCTS = "products";

    private final LakehouseConfig config;
    private final TableNames names;
    private final GoldLakeWriter lake;
    private final ServingWriter serving;
    private final GoldStateStore store;
    private final JobMetrics metrics;
    private GoldWindows windows;
    private long lastBatch = -1;

    public GoldBatchProcessor(LakehouseConfig config, GoldLakeWriter lake, ServingWriter serving, GoldStateStore store,
                              JobMetrics metrics) {
        this.config = config;
        this.names = new TableNames(config.topicPrefix(), config.sourceSchema());
        this.lake = lake;
        this.serving = serving;
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public void call(Dataset<Row> kafka, Long batchId) throws Exception {
        long started = System.nanoTime();
        Dataset<Row> batch = kafka.select("key", "value", "topic", "partition", "offset", "timestamp")
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            BatchTables contents = BatchTables.of(batch, names);
            Map<Long, String> categories = categories(batch, contents.tables().get(PRODUCTS));
            List<OrderChange> orders = orders(batch, contents.tables().get(ORDERS));
            GoldWindows state = stateFor(batchId);
            BatchOutcome outcome = state.apply(categories, orders);
            lake.write(outcome, batchId);
            serving.write(outcome, batchId);
            store.save(batchId, state);
            windows = state;
            lastBatch = batchId;
            metrics.goldBatch(outcome.lateChanges(), outcome.duplicates(), outcome.watermarkAfter());
            LOG.info("gold batch {}: {} order changes, {} products, {} windows written, {} late, {} replays skipped,"
                            + " watermark {}, {} windows closed, in {} s", batchId, orders.size(), categories.size(),
                    outcome.windows().size(), outcome.lateChanges(), outcome.duplicates(), outcome.watermarkAfter(),
                    outcome.closedWindows(), String.format("%.2f", (System.nanoTime() - started) / 1e9));
        } catch (Exception | Error e) {
            windows = null; // the state in memory may hold the failed batch: the retry restores the stored one
            LOG.warn("gold batch {} failed ({}); the gold query stops and the batch is replayed on restart", batchId,
                    e.toString());
            throw e;
        } finally {
            batch.unpersist();
        }
    }

    /** The state this batch starts from: the one in memory when it follows the last batch, else the stored one. */
    private GoldWindows stateFor(long batchId) {
        if (windows != null && lastBatch == batchId - 1) {
            return windows;
        }
        return store.before(batchId).orElseGet(() -> new GoldWindows(config.goldWatermark()));
    }

    private Map<Long, String> categories(Dataset<Row> batch, BatchTables.Schemas ids) {
        Map<Long, String> categories = new HashMap<>();
        if (ids == null) {
            return categories;
        }
        for (Row r : decoded(batch, PRODUCTS, ids).filter(col(TableLayout.AFTER).isNotNull())
                .select(OrderChangeRows.PRODUCT_COLUMNS.stream().map(Column::new).toArray(Column[]::new))
                .collectAsList()) {
            if (!r.isNullAt(0)) {
                categories.put(((Number) r.get(0)).longValue(), r.isNullAt(1) ? null : r.getString(1));
            }
        }
        return categories;
    }

    private List<OrderChange> orders(Dataset<Row> batch, BatchTables.Schemas ids) {
        List<OrderChange> changes = new ArrayList<>();
        if (ids == null) {
            return changes;
        }
        for (Row r : decoded(batch, ORDERS, ids)
                .select(OrderChangeRows.ORDER_COLUMNS.stream().map(Column::new).toArray(Column[]::new))
                .collectAsList()) {
            OrderChange change = OrderChangeRows.order(r);
            if (change != null) {
                changes.add(change);
            }
        }
        return changes;
    }

    /** A table's records decoded as the lake job decodes them; poison records are the lake job's (quarantined). */
    private Dataset<Row> decoded(Dataset<Row> batch, String table, BatchTables.Schemas ids) {
        TableLayout layout = RegistryLayouts.layoutOf(config.schemaRegistryUrl(), table, ids.keyIds(), ids.valueIds());
        RecordDecoder decoder = new RecordDecoder(config.schemaRegistryUrl(), layout, config.toastPlaceholder());
        return batch.filter(col("value").isNotNull().and(col("topic").isin(ids.topics().toArray())))
                .mapPartitions(new DecodePartition(decoder), Encoders.row(layout.decodedSchema()))
                .filter(col(TableLayout.ERROR).isNull());
    }
}
