package io.tributary.lakehouse.daily;

import static org.apache.spark.sql.functions.col;

import io.tributary.lakehouse.history.HistoryAgainstSilver;
import io.tributary.lakehouse.history.HistoryColumns;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.LakeTables;
import io.tributary.lakehouse.lake.SchemaEvolution;
import io.tributary.lakehouse.reconcile.PostgresSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The checks of {@code validate --date D}, each one a {@link CheckResult}: the day's orders counted in PostgreSQL
 * against history's current rows; history's current rows against silver's live rows (orders, products);
 * {@code gold.daily_sales} of the day against a recomputation from history, its required columns not null, its key
 * (date, category) unique, its values in range; and {@code serving.daily_sales} against gold.
 */
public final class DailyValidation {

    /** The columns of {@code daily_sales} that must never be null. */
    static final List<String> REQUIRED = List.of("date", "category", "orders", "units", "revenue");

    private final SparkSession spark;
    private final LakePaths paths;
    private final SalesTables tables;
    private final PostgresSource postgres;
    private final String sourceSchema;

    public DailyValidation(SparkSession spark, LakePaths paths, SalesTables tables, PostgresSource postgres,
                           String sourceSchema) {
        this.spark = spark;
        this.paths = paths;
        this.tables = tables;
        this.postgres = postgres;
        this.sourceSchema = sourceSchema;
    }

    public ValidationReport run(BusinessDay day) throws Exception {
        List<CheckResult> checks = new ArrayList<>();
        checks.add(orderCount(day));
        checks.addAll(lakeChecks(day));
        if (goldExists()) {
            checks.add(servingEqualsGold(day, gold(day)));
        }
        return new ValidationReport(day, checks);
    }

    /** The checks that read the lake only. */
    List<CheckResult> lakeChecks(BusinessDay day) {
        List<CheckResult> checks = new ArrayList<>();
        for (String table : List.of(tables.orders(), tables.products())) {
            checks.add(historyEqualsSilver(table));
        }
        if (!goldExists()) {
            checks.add(new CheckResult("daily_sales exists", false, "no table at " + paths.gold(DailySales.TABLE),
                    "a Delta table", "run `lakehouse-job daily-sales --date " + day + "` first"));
            return checks;
        }
        Dataset<Row> gold = gold(day);
        Dataset<Row> recomputed = new DailySales(spark, paths, tables).compute(day);
        checks.add(CheckResult.none("daily_sales = recomputation from history", differing(gold, recomputed),
                "rows of " + day + " in gold.daily_sales and in a recomputation from history as of the end of the day,"
                        + " either way"));
        for (String column : REQUIRED) {
            checks.add(CheckResult.none("daily_sales." + column + " not null",
                    gold.where(col(column).isNull()).count(), "rows of " + day + " with " + column + " null"));
        }
        checks.add(CheckResult.none("daily_sales (date, category) unique",
                gold.groupBy("date", "category").count().where(col("count").gt(1)).count(),
                "keys of " + day + " held by more than one row"));
        checks.add(CheckResult.none("daily_sales.orders >= 1", gold.where(col("orders").lt(1)).count(),
                "a category with a row has an order"));
        checks.add(CheckResult.none("daily_sales.units >= 0", gold.where(col("units").lt(0)).count(), ""));
        checks.add(CheckResult.none("daily_sales.revenue >= 0", gold.where(col("revenue").lt(0)).count(), ""));
        return checks;
    }

    private boolean goldExists() {
        return LakeTables.exists(spark.sparkContext().hadoopConfiguration(), paths.gold(DailySales.TABLE));
    }

    private Dataset<Row> gold(BusinessDay day) {
        return spark.read().format("delta").load(paths.gold(DailySales.TABLE)).where(col("date").equalTo(day.date()))
                .select(REQUIRED.stream().map(c -> col(c)).toArray(Column[]::new));
    }

    /** The day's orders in PostgreSQL now against the current rows of history (rows count, not values). */
    private CheckResult orderCount(BusinessDay day) throws Exception {
        long source;
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM "
                        + quotePg(sourceSchema) + "." + quotePg(tables.orders())
                        + " WHERE ordered_at >= ? AND ordered_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(day.start()));
            ps.setTimestamp(2, Timestamp.from(day.end()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                source = rs.getLong(1);
            }
        }
        long lake = current(tables.orders()).where(col("ordered_at").geq(day.start()).and(col("ordered_at")
                .lt(day.end()))).count();
        return CheckResult.equal(tables.orders() + " rows = PostgreSQL", lake, source, "orders placed on " + day
                + ": current rows of history." + tables.orders() + " against " + sourceSchema + "." + tables.orders()
                + " now");
    }

    /** Reconcile of history against silver: the current versions against the live rows, every column. */
    private CheckResult historyEqualsSilver(String table) {
        String name = "history." + table + " current = silver." + table;
        String silverPath = paths.silver(table);
        if (!LakeTables.exists(spark.sparkContext().hadoopConfiguration(), silverPath)) {
            return new CheckResult(name, false, "no silver table", "silver." + table, "at " + silverPath);
        }
        HistoryAgainstSilver.Comparison c = new HistoryAgainstSilver(spark, paths)
                .compare(table, List.of(), OptionalLong.empty(), 0);
        return CheckResult.none(name, c.onlyInHistory() + c.onlySilver(),
                "rows in one and not the other, over the columns both have");
    }

    private CheckResult servingEqualsGold(BusinessDay day, Dataset<Row> gold) throws Exception {
        List<String> lake = new ArrayList<>();
        gold.collectAsList().forEach(r -> lake.add(ServingDailySales.SalesRow.of(r).canonical()));
        List<String> served = new ArrayList<>();
        new ServingDailySales(postgres).read(day).forEach(r -> served.add(r.canonical()));
        List<String> onlyLake = new ArrayList<>(lake);
        served.forEach(onlyLake::remove);
        List<String> onlyServed = new ArrayList<>(served);
        lake.forEach(onlyServed::remove);
        return CheckResult.none("serving.daily_sales = gold.daily_sales", onlyLake.size() + onlyServed.size(),
                "rows of " + day + " in one and not the other" + (onlyLake.isEmpty() && onlyServed.isEmpty() ? ""
                        : "; only in gold: " + onlyLake + ", only in serving: " + onlyServed));
    }

    /** History's current rows of {@code table}, data columns only. */
    private Dataset<Row> current(String table) {
        Dataset<Row> history = spark.read().format("delta").load(paths.history(table)).where(col(HistoryColumns.IS_CURRENT));
        return history.select(Arrays.stream(history.columns()).filter(c -> !HistoryColumns.isMetadata(c))
                .map(c -> col(SchemaEvolution.quote(c))).toArray(Column[]::new));
    }

    private static long differing(Dataset<Row> a, Dataset<Row> b) {
        return a.exceptAll(b).count() + b.exceptAll(a).count();
    }

    private static String quotePg(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
