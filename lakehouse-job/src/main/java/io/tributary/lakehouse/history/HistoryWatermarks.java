package io.tributary.lakehouse.history;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.tributary.lakehouse.decode.TableLayout;
import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.LakeTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The history's applied watermark: a Delta table {@code _history_watermarks} of (table_name, topic, kafka_partition,
 * kafka_offset),
 * the highest bronze offset per Kafka partition a history run has applied. Written after the history MERGE; a crash
 * between the two leaves it behind, never ahead (the next run re-reads changes the fold recognises as applied).
 */
final class HistoryWatermarks {

    static final StructType SCHEMA = new StructType()
            .add("table_name", DataTypes.StringType, false)
            .add("topic", DataTypes.StringType, false)
            .add("kafka_partition", DataTypes.IntegerType, false)
            .add("kafka_offset", DataTypes.LongType, false);

    private HistoryWatermarks() {
    }

    /** (topic, partition) -> the highest applied offset of {@code table}; empty before its first run. */
    static Map<List<Object>, Long> read(SparkSession spark, LakePaths paths, String table) {
        Map<List<Object>, Long> marks = new HashMap<>();
        if (!LakeTables.exists(spark.sparkContext().hadoopConfiguration(), paths.historyWatermarks())) {
            return marks;
        }
        for (Row r : spark.read().format("delta").load(paths.historyWatermarks())
                .where(col("table_name").equalTo(table)).collectAsList()) {
            marks.put(List.of(r.<String>getAs("topic"), r.<Integer>getAs("kafka_partition")),
                    r.<Long>getAs("kafka_offset"));
        }
        return marks;
    }

    /** The bronze rows past the watermarks. */
    static Column after(Map<List<Object>, Long> marks) {
        Column newer = lit(true);
        for (Map.Entry<List<Object>, Long> m : marks.entrySet()) {
            newer = newer.and(col(TableLayout.TOPIC).notEqual(m.getKey().get(0))
                    .or(col(TableLayout.PARTITION).notEqual(m.getKey().get(1)))
                    .or(col(TableLayout.OFFSET).gt(m.getValue())));
        }
        return newer;
    }

    /** Replaces the table's watermarks by the old ones raised to {@code newMarks} (rows of topic, partition, max). */
    static void write(SparkSession spark, LakePaths paths, String table, Map<List<Object>, Long> old,
                      List<Row> newMarks, CommitRetry retry) {
        Map<List<Object>, Long> marks = new HashMap<>(old);
        for (Row r : newMarks) {
            marks.merge(List.of(r.getString(0), r.getInt(1)), r.getLong(2), Math::max);
        }
        List<Row> rows = new ArrayList<>();
        marks.forEach((k, offset) -> rows.add(RowFactory.create(table, k.get(0), k.get(1), offset)));
        retry.run("watermarks of history." + table, () -> {
            spark.createDataFrame(rows, SCHEMA).write().format("delta").mode(SaveMode.Overwrite)
                    .option("replaceWhere", "table_name = '" + table.replace("'", "\\'") + "'")
                    .save(paths.historyWatermarks());
            return null;
        });
    }
}
