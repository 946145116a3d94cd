package io.tributary.lakehouse.reconcile;

import io.tributary.lakehouse.lake.LakePaths;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The lakehouse job's table states, read from the lake: {@code <lake root>/_table_states}, the append-only Delta log
 * the job writes when it parks a table and when it resumes it (columns {@code _table}, {@code state} 'parked' or
 * 'streaming', {@code reason}, {@code _batch_id}, {@code at}; docs/lakehouse-job.md, "Parked tables"). A table's state
 * is its latest entry by {@code at}.
 */
final class TableStates {
    static final String PARKED = "parked";

    /** One row of the log. */
    record Entry(String table, String state, String reason, long batchId, Instant at) {
    }

    private TableStates() {
    }


    /** The tables the lake has parked now; empty when the job never parked one (no log yet). */
    static Map<String, ParkedState> read(SparkSession spark, LakePaths paths) throws IOException {
        Path log = new Path(paths.tableStates(), "_delta_log");
        FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(log)) {
            return Map.of();
        }
        List<Entry> entries = new ArrayList<>();
        // a handful of rows (one per parking and per resume): read whole, reduced here
        for (Row r : spark.read().format("delta").load(paths.tableStates())
                .select("_table", "state", "reason", "_batch_id", "at").collectAsList()) {
            entries.add(new Entry(r.getString(0), r.getString(1), r.isNullAt(2) ? null : r.getString(2),
                    r.isNullAt(3) ? -1 : r.getLong(3), instant(r.get(4))));
        }
        return parkedNow(entries);
    }

    /** Per table its latest entry by {@code at} (the later in the log on a tie); those saying 'parked'. Pure. */
    static Map<String, ParkedState> parkedNow(List<Entry> entries) {
        Map<String, Entry> latest = new TreeMap<>();
        for (Entry e : entries) {
            latest.merge(e.table(), e, (a, b) -> Comparator.comparing(Entry::at).compare(b, a) >= 0 ? b : a);
        }
        Map<String, ParkedState> parked = new TreeMap<>();
        latest.forEach((table, e) -> {
            if (PARKED.equals(e.state())) {
                parked.put(table, new ParkedState(ParkedState.LAKEHOUSE_JOB, e.reason(),
                        e.batchId() < 0 ? "" : Long.toString(e.batchId())));
            }
        });
        return parked;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        return value == null ? Instant.EPOCH : ((Timestamp) value).toInstant();
    }
}
