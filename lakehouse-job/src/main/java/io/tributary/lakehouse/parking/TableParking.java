package io.tributary.lakehouse.parking;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;

import io.delta.tables.DeltaTable;
import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.LakeTables;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parked tables of the lake and their records, in two Delta tables next to the others:
 * <ul>
 *   <li>{@code _parked}: the raw Kafka records (key, value, topic, partition, offset, timestamp) of each parked table,
 *       from the batch that failed on, with the table, batch id and error: nothing is lost and a resume decodes them
 *       again with the code and schemas in force then;</li>
 *   <li>{@code _table_states}: an append-only log of state changes (parked with its reason, streaming again); a
 *       table's state is its latest entry, read once at start.</li>
 * </ul>
 * Both appends of a batch carry Delta's transaction id (one app id per table), so a replayed batch parks nothing twice.
 * Timestamps are {@link Instant}s: the job runs with Spark's Java 8 time API.
 */
public final class TableParking {

    private static final Logger LOG = LoggerFactory.getLogger(TableParking.class);

    public static final String TABLE = "_table";
    public static final String BATCH_ID = "_batch_id";
    public static final String ERROR = "_error";
    public static final String PARKED_AT = "_parked_at";
    public static final String STATE = "state";
    public static final String PARKED = "parked";
    public static final String STREAMING = "streaming";

    private static final StructType STATE_SCHEMA = new StructType()
            .add(TABLE, DataTypes.StringType, false)
            .add(STATE, DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, true)
            .add(BATCH_ID, DataTypes.LongType, false)
            .add("at", DataTypes.TimestampType, false);

    private final SparkSession spark;
    private final LakePaths paths;
    private final CommitRetry retry;
    private final Map<String, ParkedTable> parked = new ConcurrentHashMap<>();

    public TableParking(SparkSession spark, LakePaths paths, CommitRetry retry) {
        this.spark = spark;
        this.paths = paths;
        this.retry = retry;
    }

    /** Reads the tables' states from the lake (once, at start). */
    public TableParking load() {
        String path = paths.tableStates();
        if (LakeTables.exists(spark.sparkContext().hadoopConfiguration(), path)) {
            Column latest = max_by(struct(col(STATE), col("reason"), col(BATCH_ID), col("at")), col("at"));
            for (Row r : spark.read().format("delta").load(path).groupBy(col(TABLE)).agg(latest.as("s"))
                    .select(col(TABLE), col("s.*")).collectAsList()) {
                if (PARKED.equals(r.getString(1))) {
                    parked.put(r.getString(0), new ParkedTable(r.getString(0), r.getString(2), r.getLong(3),
                            instant(r.get(4))));
                }
            }
        }
        parked.values().forEach(p -> LOG.warn("table {} is parked since batch {}: {}; {}", p.table(), p.batchId(),
                p.reason(), p.fix()));
        return this;
    }

    public Optional<ParkedTable> parked(String table) {
        return Optional.ofNullable(parked.get(table));
    }

    /** The parked tables by name. */
    public Map<String, ParkedTable> all() {
        return new TreeMap<>(parked);
    }

    /**
     * Parks {@code table}: keeps its raw records of this batch, then records the state. Idempotent per batch.
     *
     * @param raw the table's Kafka records of the batch (key, value, topic, partition, offset, timestamp)
     */
    public ParkedTable park(String table, Dataset<Row> raw, String reason, long batchId) {
        keep(table, raw, reason, batchId);
        ParkedTable p = new ParkedTable(table, reason, batchId, Instant.now());
        Dataset<Row> state = spark.createDataFrame(List.of(RowFactory.create(table, PARKED, reason, batchId,
                p.parkedAt())), STATE_SCHEMA);
        retry.run("park " + table, () -> {
            state.write().format("delta").mode(SaveMode.Append)
                    .option("txnAppId", "tributary-table-state:" + table).option("txnVersion", batchId)
                    .save(paths.tableStates());
            return null;
        });
        parked.put(table, p);
        LOG.error("table {} PARKED at batch {}: {}. Every other table goes on; its changes are kept in {} in order."
                + " To resume: {}", table, batchId, reason, paths.parked(), p.fix());
        return p;
    }

    /** Keeps a parked table's records of a batch (idempotent per table and batch). */
    public void keep(String table, Dataset<Row> raw, String reason, long batchId) {
        Dataset<Row> rows = raw.select(col("key"), col("value"), col("topic"), col("partition"), col("offset"),
                col("timestamp"), lit(table).as(TABLE), lit(batchId).as(BATCH_ID), lit(reason).as(ERROR),
                current_timestamp().as(PARKED_AT));
        retry.run("keep the records of parked " + table, () -> {
            rows.write().format("delta").mode(SaveMode.Append)
                    .option("txnAppId", "tributary-parked:" + table).option("txnVersion", batchId)
                    .save(paths.parked());
            return null;
        });
    }

    /** The parked raw records of a table, in Kafka order, as the batch had them. */
    public Dataset<Row> records(String table) {
        return spark.read().format("delta").load(paths.parked()).where(col(TABLE).equalTo(table))
                .orderBy(col("partition"), col("offset"))
                .select("key", "value", "topic", "partition", "offset", "timestamp");
    }

    /** After a successful replay: drops the table's parked records and records that it streams again. */
    public void resumed(String table, long lastParkedBatch) {
        retry.run("drop the replayed records of " + table, () -> {
            DeltaTable.forPath(spark, paths.parked()).delete(col(TABLE).equalTo(table));
            return null;
        });
        Dataset<Row> state = spark.createDataFrame(List.of(RowFactory.create(table, STREAMING, null,
                lastParkedBatch, Instant.now())), STATE_SCHEMA);
        retry.run("resume " + table, () -> {
            state.write().format("delta").mode(SaveMode.Append).save(paths.tableStates());
            return null;
        });
        parked.remove(table);
        LOG.info("table {} resumed: its parked records were replayed and it streams again", table);
    }

    private static Instant instant(Object value) {
        return value instanceof Instant i ? i : ((java.sql.Timestamp) value).toInstant();
    }
}
