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
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gold query's foreachBatch adapter: decodes the batch's orders, products and customers changes with the lake
 * job's decoder, hands them to {@link GoldWindows}, writes the outcome to the Delta gold tables and to serving, sends
 * the enriched changes and the alerts not sent yet to Kafka, then stores the windows' state. A failure fails the batch (the query stops); the restart replays it from the state stored for the
 * batch before, and both sinks recognise what they have already.
 */
public final class GoldBatchProcessor implements VoidFunction2<Dataset<Row>, Long> {

    private static final Logger LOG = LoggerFactory.getLogger(GoldBatchProcessor.class);
    static final String ORDERS = "orders";
    static final String PRODUCTS = "products";
    static final String CUSTOMERS = "customers";

    private final LakehouseConfig config;
    private final TableNames names;
    private final GoldLakeWriter lake;
    private final ServingWriter serving;
    private final GoldStateStore store;
    private final GoldTopicWriter topics;
    private final JobMetrics metrics;
    private GoldWindows windows;
    private long lastBatch = -1;
    private boolean alertsRecovered;

    public GoldBatchProcessor(LakehouseConfig config, GoldLakeWriter lake, ServingWriter serving, GoldStateStore store,
                              GoldTopicWriter topics, JobMetrics metrics) {
        this.config = config;
        this.names = new TableNames(config.topicPrefix(), config.sourceSchema());
        this.lake = lake;
        this.serving = serving;
        this.store = store;
        this.topics = topics;
        this.metrics = metrics;
    }

    @Override
    public void call(Dataset<Row> kafka, Long batchId) throws Exception {
        long started = System.nanoTime();
        Dataset<Row> batch = kafka.select("key", "value", "topic", "partition", "offset", "timestamp")
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            BatchTables contents = BatchTables.of(batch, names);
            Map<Long, ProductFacts> products = facts(batch, PRODUCTS, contents.tables().get(PRODUCTS),
                    FactRows::product, ProductFacts::productId);
            Map<Long, CustomerFacts> customers = facts(batch, CUSTOMERS, contents.tables().get(CUSTOMERS),
                    FactRows::customer, CustomerFacts::customerId);
            List<OrderChange> orders = orders(batch, contents.tables().get(ORDERS));
            GoldWindows state = stateFor(batchId);
            BatchOutcome outcome = state.apply(new GoldBatch(products, customers, orders));
            lake.write(outcome, batchId);
            serving.write(outcome, batchId);
            topics.sendEnriched(outcome.enriched());
            List<AbandonedOrder> alerts = serving.unalerted();
            if (!alertsRecovered) {
                // first batch of this process: alerts a crash left unmarked may be in Kafka already
                List<AbandonedOrder> sent = topics.alreadySent(alerts);
                serving.markAlerted(sent);
                alerts = alerts.stream().filter(a -> !sent.contains(a)).toList();
                alertsRecovered = true;
                if (!sent.isEmpty()) {
                    LOG.info("gold: {} abandoned-order alerts were in Kafka already (sent before a crash); marked, not"
                            + " sent again", sent.size());
                }
            }
            topics.sendAbandoned(alerts);
            serving.markAlerted(alerts);
            store.save(batchId, state);
            windows = state;
            lastBatch = batchId;
            metrics.goldBatch(outcome.lateChanges(), outcome.duplicates(), outcome.watermarkAfter());
            LOG.info("gold batch {}: {} order changes, {} products, {} customers, {} windows and {} sessions written,"
                            + " {} late, {} replays skipped, {} moved to their product's category, watermark {},"
                            + " {} windows and {} sessions closed, {} alerts, in {} s", batchId, orders.size(),
                    products.size(), customers.size(), outcome.windows().size(), outcome.sessions().size(),
                    outcome.lateChanges(), outcome.duplicates(), outcome.recategorized(),
                    outcome.watermarkAfter(), outcome.closedWindows(), outcome.closedSessions(), alerts.size(),
                    String.format("%.2f", (System.nanoTime() - started) / 1e9));
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
        return store.before(batchId).orElseGet(() -> new GoldWindows(config.goldWatermark(), config.goldSessionGap(),
                config.goldAbandonedAfter()));
    }

    /** The latest after-image of each row of a table changed in the batch (in source order, the last one wins). */
    private <T> Map<Long, T> facts(Dataset<Row> batch, String table, BatchTables.Schemas ids,
                                   Function<Row, T> read, ToLongFunction<T> id) {
        Map<Long, T> facts = new HashMap<>();
        if (ids == null) {
            return facts;
        }
        for (Row r : decoded(batch, table, ids).filter(col(TableLayout.AFTER).isNotNull())
                .orderBy(col(TableLayout.LSN)).select(col(TableLayout.AFTER)).collectAsList()) {
            T fact = read.apply(r.getStruct(0));
            if (fact != null) {
                facts.put(id.applyAsLong(fact), fact);
            }
        }
        return facts;
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
