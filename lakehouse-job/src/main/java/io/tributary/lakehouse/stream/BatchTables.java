package io.tributary.lakehouse.stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;

import io.tributary.lakehouse.lake.TableNames;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tables of a batch of raw Kafka records (key, value, topic, ...) and the schema ids each one's records carry,
 * from one aggregate; tombstones (null values) are counted apart.
 *
 * @param tables     table -> its topics and schema ids
 * @param records    all records of the batch
 * @param tombstones records with a null value (Kafka compaction markers, nothing to apply)
 */
public record BatchTables(Map<String, Schemas> tables, long records, long tombstones) {

    /** The topics and the Confluent schema ids of one table's records in a batch. */
    public static final class Schemas {
        final TreeSet<String> topics = new TreeSet<>();
        final TreeSet<Long> keyIds = new TreeSet<>();
        final TreeSet<Long> valueIds = new TreeSet<>();

        public SortedSet<String> topics() {
            return Collections.unmodifiableSortedSet(topics);
        }

        public SortedSet<Long> keyIds() {
            return Collections.unmodifiableSortedSet(keyIds);
        }

        public SortedSet<Long> valueIds() {
            return Collections.unmodifiableSortedSet(valueIds);
        }
    }

    public static BatchTables of(Dataset<Row> raw, TableNames names) {
        long records = 0;
        long tombstones = 0;
        Map<String, Schemas> tables = new TreeMap<>();
        for (Row g : raw.groupBy(col("topic"), schemaId("key").as("kid"), schemaId("value").as("vid"),
                col("value").isNull().as("tombstone")).agg(count("*").as("n")).collectAsList()) {
            long n = g.getLong(4);
            records += n;
            if (g.getBoolean(3)) {
                tombstones += n;
                continue;
            }
            Schemas t = tables.computeIfAbsent(names.tableOf(g.getString(0)), k -> new Schemas());
            t.topics.add(g.getString(0));
            if (!g.isNullAt(1)) {
                t.keyIds.add(g.getLong(1));
            }
            if (!g.isNullAt(2)) {
                t.valueIds.add(g.getLong(2));
            }
        }
        return new BatchTables(tables, records, tombstones);
    }

    /** The Confluent schema id of a framed column, or null when the bytes are not framed. */
    private static Column schemaId(String column) {
        return expr("CASE WHEN length(" + column + ") >= 5 AND hex(substring(" + column + ", 1, 1)) = '00'"
                + " THEN CAST(conv(hex(substring(" + column + ", 2, 4)), 16, 10) AS BIGINT) END");
    }
}
