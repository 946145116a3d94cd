package io.tributary.lakehouse.lake;

import io.tributary.contracts.wal.Lsn;
import io.tributary.lakehouse.history.HistoryColumns;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the lake in a Spark session's catalog, so that SQL can name the tables:
 * <ul>
 *   <li>{@code silver.<table>}: a view of the live rows, data columns only (what Postgres holds);</li>
 *   <li>{@code silver_all.<table>}: the Delta table itself, tombstones and metadata columns included, with time
 *       travel ({@code VERSION AS OF n}, {@code TIMESTAMP AS OF ts});</li>
 *   <li>{@code bronze.<table>}: the changelog (Delta, time travel);</li>
 *   <li>{@code lake.quarantine}: the poison records;</li>
 *   <li>{@code gold.<table>}: the gold stage's windowed aggregates and late changes (docs/gold.md), and the daily
 *       jobs' {@code daily_sales} and {@code validation_results} (docs/history.md);</li>
 *   <li>{@code history.<table>}: the SCD type 2 history, one row per version (docs/history.md); with
 *       {@link #registerAsOf}, {@code as_of.<table>}: the table as it was at an instant;</li>
 *   <li>the function {@code pg_lsn(_lsn)}: an LSN as PostgreSQL prints it ({@code 0/1B3E9C8}); the tables keep the
 *       number, which sorts and compares.</li>
 * </ul>
 * The catalog is the session's in-memory one: registration is repeated per session from the S3 listing.
 */
public final class LakeCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(LakeCatalog.class);

    /** {@code pg_lsn(_lsn)} in the lake's SQL. */
    public static final String LSN_FUNCTION = "pg_lsn";

    private LakeCatalog() {
    }

    /** Registers every table found; returns the silver table names. */
    public static List<String> registerAll(SparkSession spark, LakePaths paths) {
        var conf = spark.sparkContext().hadoopConfiguration();
        spark.udf().register(LSN_FUNCTION, (UDF1<Long, String>) lsn -> lsn == null ? null : Lsn.format(lsn), DataTypes.StringType);
        for (String db : List.of("bronze", "silver", "silver_all", "lake", "gold", "history")) {
            spark.sql("CREATE DATABASE IF NOT EXISTS " + db);
        }
        for (String table : LakeTables.list(conf, paths.bronzeRoot())) {
            registerTable(spark, "bronze", table, paths.bronze(table));
        }
        List<String> silverTables = LakeTables.list(conf, paths.silverRoot());
        for (String table : silverTables) {
            registerTable(spark, "silver_all", table, paths.silver(table));
            StructType schema = spark.table("silver_all." + SchemaEvolution.quote(table)).schema();
            String columns = Arrays.stream(schema.fieldNames()).filter(c -> !SilverColumns.isMetadata(c))
                    .map(SchemaEvolution::quote).collect(Collectors.joining(", "));
            spark.sql("CREATE OR REPLACE VIEW silver." + SchemaEvolution.quote(table) + " AS SELECT " + columns
                    + " FROM silver_all." + SchemaEvolution.quote(table) + " WHERE NOT " + SilverColumns.DELETED);
        }
        for (String table : LakeTables.list(conf, paths.goldRoot())) {
            registerTable(spark, "gold", table, paths.gold(table));
        }
        for (String table : LakeTables.list(conf, paths.historyRoot())) {
            registerTable(spark, "history", table, paths.history(table));
        }
        if (LakeTables.exists(conf, paths.quarantine())) {
            registerTable(spark, "lake", "quarantine", paths.quarantine());
        }
        LOG.info("catalog: {} silver tables registered", silverTables.size());
        return silverTables;
    }

    /**
     * Registers {@code as_of.<table>}: for every history table, a view of the rows as they were at {@code instant}
     * (the versions valid then), data columns only. Call after {@link #registerAll}.
     */
    public static List<String> registerAsOf(SparkSession spark, LakePaths paths, java.time.Instant instant) {
        spark.sql("CREATE DATABASE IF NOT EXISTS as_of");
        List<String> tables = LakeTables.list(spark.sparkContext().hadoopConfiguration(), paths.historyRoot());
        String at = HistoryColumns.timestampLiteral(instant);
        for (String table : tables) {
            StructType schema = spark.table("history." + SchemaEvolution.quote(table)).schema();
            String columns = Arrays.stream(schema.fieldNames()).filter(c -> !HistoryColumns.isMetadata(c))
                    .map(SchemaEvolution::quote).collect(Collectors.joining(", "));
            spark.sql("CREATE OR REPLACE VIEW as_of." + SchemaEvolution.quote(table) + " AS SELECT " + columns
                    + " FROM history." + SchemaEvolution.quote(table) + " WHERE " + HistoryColumns.validAt(at));
        }
        LOG.info("catalog: {} history tables as of {} registered as as_of.<table>", tables.size(), instant);
        return tables;
    }

    private static void registerTable(SparkSession spark, String db, String table, String path) {
        String name = db + "." + SchemaEvolution.quote(table);
        spark.sql("DROP TABLE IF EXISTS " + name);
        spark.sql("CREATE TABLE " + name + " USING delta LOCATION '" + path.replace("'", "\\'") + "'");
    }
}
