package io.tributary.lakehouse.trace;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.lakehouse.decode.TableLayout;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.LakeTables;
import io.tributary.lakehouse.lake.SilverColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Finds one change in the lake: its bronze row (by Kafka topic, partition and offset) and its key's silver row, each
 * with the Delta commit that made it visible (version, timestamp, batch). Reads fresh snapshots on every call.
 */
final class LakeTracer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "_trace_file";
    /** The parts of a Delta log entry the commit lookup needs; every other action is ignored. */
    private static final StructType LOG_ENTRY = new StructType()
            .add("add", new StructType().add("path", DataTypes.StringType))
            .add("commitInfo", new StructType().add("timestamp", DataTypes.LongType).add("operation", DataTypes.StringType))
            .add("txn", new StructType().add("appId", DataTypes.StringType).add("version", DataTypes.LongType));

    /** Timestamps to the microsecond, as PostgreSQL keeps them, and null columns kept: compared with PostgreSQL's row. */
    private static final Map<String, String> JSON_OPTIONS = Map.of(
            "timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX", "ignoreNullFields", "false");

    private final SparkSession spark;
    private final LakePaths paths;

    LakeTracer(SparkSession spark, LakePaths paths) {
        this.spark = spark;
        this.paths = paths;
    }

    /** The bronze hop of the change at {@code topic/partition/offset}, empty while bronze does not hold it. */
    Optional<ObjectNode> bronze(String table, String topic, int partition, long offset) {
        String path = paths.bronze(table);
        if (!LakeTables.exists(spark.sparkContext().hadoopConfiguration(), path)) {
            return Optional.empty();
        }
        List<Row> rows = spark.read().format("delta").load(path)
                .where(col(TableLayout.TOPIC).equalTo(topic).and(col(TableLayout.PARTITION).equalTo(partition))
                        .and(col(TableLayout.OFFSET).equalTo(offset)))
                .select(col(TableLayout.LSN), col(TableLayout.OP),
                        expr("unix_millis(" + TableLayout.INGESTED_AT + ")").as("ingested"),
                        col("_metadata.file_name").as(FILE))
                .limit(1).collectAsList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row row = rows.get(0);
        ObjectNode hop = JSON.createObjectNode().put("hop", "bronze").put("arrived", true)
                .put("lsn", row.getLong(0)).put("op", row.getString(1)).put("partition", partition).put("offset", offset);
        commit(hop, path, row.getString(3), ingestedAtMs(row, 2));
        return Optional.of(hop);
    }

    /**
     * The silver hop of the key: the row's metadata and data values, {@code arrived} when its LSN reached {@code lsn};
     * {@code found} false when silver has no row (or no table) for the key.
     */
    ObjectNode silver(String table, Map<String, String> key, long lsn) {
        ObjectNode hop = JSON.createObjectNode().put("hop", "silver");
        String path = paths.silver(table);
        if (!LakeTables.exists(spark.sparkContext().hadoopConfiguration(), path)) {
            return hop.put("arrived", false).put("found", false);
        }
        Column match = lit(true);
        for (Map.Entry<String, String> k : key.entrySet()) {
            match = match.and(col("`" + k.getKey().replace("`", "``") + "`").cast("string").equalTo(k.getValue()));
        }
        List<String> json = spark.read().format("delta").load(path).where(match)
                .withColumn(FILE, col("_metadata.file_name"))
                .withColumn("_trace_ingested", expr("unix_millis(" + SilverColumns.INGESTED_AT + ")"))
                .limit(1)
                .select(to_json(struct(col("*")), JSON_OPTIONS))
                .as(Encoders.STRING()).collectAsList();
        if (json.isEmpty()) {
            return hop.put("arrived", false).put("found", false);
        }
        ObjectNode row = read(json.get(0));
        long rowLsn = row.path(SilverColumns.LSN).asLong();
        hop.put("arrived", rowLsn >= lsn).put("found", true).put("lsn", rowLsn)
                .put("deleted", row.path(SilverColumns.DELETED).asBoolean())
                .put("sourceTsMs", row.path(SilverColumns.SOURCE_TS_MS).asLong());
        String file = row.path(FILE).asText(null);
        long ingested = row.path("_trace_ingested").asLong(0);
        ObjectNode values = JSON.createObjectNode();
        List<String> drop = new ArrayList<>(List.of(FILE, "_trace_ingested"));
        row.fields().forEachRemaining(f -> {
            if (!SilverColumns.isMetadata(f.getKey()) && !drop.contains(f.getKey())) {
                values.set(f.getKey(), f.getValue());
            }
        });
        commit(hop, path, file, ingested);
        hop.set("values", values);
        return hop;
    }

    /** Adds the commit that wrote the row ({@link DeltaCommit#thatWrote}) to {@code hop}: version, timestamp, batch. */
    private void commit(ObjectNode hop, String tablePath, String file, long ingestedAtMs) {
        String name = file == null ? "" : file;
        List<DeltaCommit> commits = new ArrayList<>();
        for (Row r : spark.read().schema(LOG_ENTRY).json(tablePath + "/_delta_log/*.json")
                .withColumn("v", regexp_extract(col("_metadata.file_name"), "(\\d+)\\.json$", 1).cast("long"))
                .groupBy("v")
                .agg(max("commitInfo.timestamp"), max("commitInfo.operation"), max("txn.version"),
                        max(when(col("add.path").endsWith(name), lit(1)).otherwise(lit(0))))
                .collectAsList()) {
            if (!r.isNullAt(0) && !r.isNullAt(1)) {
                commits.add(new DeltaCommit(r.getLong(0), r.getLong(1), r.getString(2), r.isNullAt(3) ? null : r.getLong(3),
                        !name.isEmpty() && r.getInt(4) == 1));
            }
        }
        DeltaCommit.thatWrote(commits, ingestedAtMs).ifPresent(c -> {
            hop.put("version", c.version()).put("timestampMs", c.timestampMs()).put("operation", c.operation());
            if (c.batch() != null) {
                hop.put("batch", c.batch());
            }
        });
    }

    private static long ingestedAtMs(Row row, int index) {
        return row.isNullAt(index) ? 0 : row.getLong(index);
    }

    private static ObjectNode read(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException("Spark wrote a row that is not JSON: " + json, e);
        }
    }
}
