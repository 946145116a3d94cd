package io.tributary.lakehouse.reconcile;

import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.SilverColumns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Reads silver tables for reconciliation: live rows as key -> fingerprint, and the keys changed after the snapshot. */
final class SilverSnapshot {
    private final SparkSession spark;
    private final LakePaths paths;

    SilverSnapshot(SparkSession spark, LakePaths paths) {
        this.spark = spark;
        this.paths = paths;
    }

    /** Silver tables present in the lake (folders under silver/ holding a _delta_log). */
    List<String> tables() throws IOException {
        Path root = new Path(paths.silverRoot());
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(root)) {
            return List.of();
        }
        List<String> tables = new ArrayList<>();
        for (FileStatus s : fs.listStatus(root)) {
            if (s.isDirectory() && fs.exists(new Path(s.getPath(), "_delta_log"))) {
                tables.add(s.getPath().getName());
            }
        }
        tables.sort(String::compareTo);
        return tables;
    }

    /** The table's rows read once: fingerprints of live rows with {@code _lsn <= snapshotLsn}, and the newer keys. */
    Read read(String table, List<String> keyColumns, List<String> columns, long snapshotLsn) {
        Dataset<Row> df = spark.read().format("delta").load(paths.silver(table));
        Set<String> present = new HashSet<>(Arrays.asList(df.columns()));
        List<String> missingColumns = columns.stream().filter(c -> !present.contains(c)).toList();
        List<Column> select = new ArrayList<>();
        for (String k : keyColumns) {
            select.add(df.col(quoted(k)));
        }
        for (String c : columns) {
            select.add(present.contains(c) ? df.col(quoted(c)) : functions.lit(null).as(c));
        }
        select.add(df.col(SilverColumns.LSN));
        select.add(df.col(SilverColumns.DELETED));
        int keyCount = keyColumns.size();
        int valueCount = columns.size();
        // normalise and hash where the data is (one Spark job); only (key, fingerprint, lsn, deleted) reach the driver
        Dataset<Row> fingerprints = df.select(select.toArray(Column[]::new)).map(
                (MapFunction<Row, Row>) r -> fingerprintRow(r, keyCount, valueCount), FINGERPRINT_ENCODER);
        Map<String, String> live = new HashMap<>();
        Set<String> newer = new HashSet<>();
        for (Row r : fingerprints.collectAsList()) {
            String k = r.getString(0);
            if (r.getLong(2) > snapshotLsn) {
                newer.add(k);
            } else if (!r.getBoolean(3)) {
                live.put(k, r.getString(1));
            }
        }
        return new Read(live, newer, missingColumns);
    }

    private static final StructType FINGERPRINT_SCHEMA = new StructType()
            .add("key", DataTypes.StringType).add("fingerprint", DataTypes.StringType)
            .add("lsn", DataTypes.LongType).add("deleted", DataTypes.BooleanType);
    private static final Encoder<Row> FINGERPRINT_ENCODER = Encoders.row(FINGERPRINT_SCHEMA);

    static Row fingerprintRow(Row r, int keyCount, int valueCount) {
        List<String> key = new ArrayList<>(keyCount);
        for (int i = 0; i < keyCount; i++) {
            key.add(ValueNormalizer.normalize(r.get(i)));
        }
        List<String> values = new ArrayList<>(valueCount);
        for (int i = 0; i < valueCount; i++) {
            values.add(ValueNormalizer.normalize(r.get(keyCount + i)));
        }
        return RowFactory.create(RowFingerprint.key(key), RowFingerprint.of(values), r.getLong(keyCount + valueCount),
                r.getBoolean(keyCount + valueCount + 1));
    }

    long bronzeRows(String table) throws IOException {
        Path path = new Path(paths.bronze(table));
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(new Path(path, "_delta_log"))) {
            return 0;
        }
        return spark.read().format("delta").load(paths.bronze(table)).count();
    }

    private static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    record Read(Map<String, String> live, Set<String> newerThanSnapshot, List<String> missingColumns) {
    }
}
