package io.tributary.lakehouse.daily;

import io.tributary.lakehouse.history.HistoryColumns;
import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.LakeTables;
import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gold.daily_sales}: per day and product category, the orders placed that day (UTC) and not cancelled, their
 * units and revenue (quantity x unit price), from the history of orders and products as of the end of the day: an
 * order changed or deleted later still counts as it stood at midnight, and it falls in the category its product had
 * then. Written with {@code replaceWhere} on its date partition: a rerun replaces that day and nothing else.
 */
public final class DailySales {

    private static final Logger LOG = LoggerFactory.getLogger(DailySales.class);

    public static final String TABLE = "daily_sales";
    /** The category of an order whose product the history does not know at the end of the day. */
    public static final String UNKNOWN_CATEGORY = "(unknown)";

    private final SparkSession spark;
    private final LakePaths paths;
    private final SalesTables tables;

    public DailySales(SparkSession spark, LakePaths paths, SalesTables tables) {
        this.spark = spark;
        this.paths = paths;
        this.tables = tables;
    }

    /** The day's rows: date, category, orders, units, revenue. */
    public Dataset<Row> compute(BusinessDay day) {
        Dataset<Row> orders = asOf(tables.orders(), day.lastInstant());
        Dataset<Row> products = asOf(tables.products(), day.lastInstant());
        orders.createOrReplaceTempView("__daily_orders");
        products.createOrReplaceTempView("__daily_products");
        return spark.sql("SELECT " + day.sqlLiteral() + " AS date, coalesce(p.category, '" + UNKNOWN_CATEGORY
                + "') AS category, count(*) AS orders, CAST(sum(o.quantity) AS BIGINT) AS units,"
                + " CAST(sum(o.quantity * o.unit_price) AS DECIMAL(20, 2)) AS revenue"
                + " FROM __daily_orders o LEFT JOIN __daily_products p ON o.product_id = p.product_id"
                + " WHERE o.ordered_at >= " + timestamp(day.start()) + " AND o.ordered_at < " + timestamp(day.end())
                + " AND coalesce(o.status, '') <> 'cancelled'"
                + " GROUP BY 2");
    }

    /** Computes the day and replaces its partition of {@code gold/daily_sales}; returns the rows written. */
    public java.util.List<Row> write(BusinessDay day, CommitRetry retry) {
        Dataset<Row> rows = compute(day).orderBy("category");
        java.util.List<Row> collected = rows.collectAsList();
        retry.run("replace " + day + " in gold." + TABLE, () -> {
            spark.createDataFrame(collected, rows.schema()).write().format("delta").mode(SaveMode.Overwrite)
                    .option("replaceWhere", "date = " + day.sqlLiteral())
                    .partitionBy("date")
                    .save(paths.gold(TABLE));
            return null;
        });
        LOG.info("gold.{}: {} replaced with {} categories", TABLE, day, collected.size());
        return collected;
    }

    /** The rows of a history table valid at {@code instant}, data columns only. */
    Dataset<Row> asOf(String table, Instant instant) {
        String path = paths.history(table);
        if (!LakeTables.exists(spark.sparkContext().hadoopConfiguration(), path)) {
            throw new IllegalStateException("history." + table + " does not exist at " + path + ": the daily jobs read"
                    + " it. Bronze needs changes of table " + table + " (is cdc-engine capturing it?), then"
                    + " `lakehouse-job history` builds it (daily-sales and validate run it first).");
        }
        return spark.read().format("delta").load(path).where(HistoryColumns.validAt(timestamp(instant)));
    }

    private static String timestamp(Instant instant) {
        return HistoryColumns.timestampLiteral(instant);
    }
}
