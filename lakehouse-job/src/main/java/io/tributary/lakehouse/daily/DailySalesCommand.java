package io.tributary.lakehouse.daily;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.reconcile.PostgresSource;
import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

/** {@code daily-sales --date D}: docs/history.md. */
@Command(name = "daily-sales", mixinStandardHelpOptions = true,
        description = {"Per category, the orders placed on a day (UTC; cancelled ones left out), their units and revenue,",
                "from the history of orders and products as of the end of the day, into gold.daily_sales (Delta,",
                "partitioned by date, the day replaced) and serving.daily_sales in PostgreSQL (upsert, the day's stale",
                "rows removed). Waits first until the lake has applied every change committed before the end of the",
                "day, then updates the history. A rerun gives the same rows. Exit 0 done, 1 failed, 2 bad option,",
                "5 the lake did not catch up within --timeout. Reads PostgreSQL as the CDC role (TRIBUTARY_* environment)."})
public final class DailySalesCommand extends DailyJobCommand {

    public DailySalesCommand() {
        super("tributary-daily-sales");
    }

    @Override
    int runDay(SparkSession spark, LakehouseConfig config, PostgresSource postgres, BusinessDay day, SalesTables tables,
               java.time.Duration timeout) throws Exception {
        List<Row> rows = run(spark, config, postgres, day, tables, timeout);
        PrintWriter out = out();
        out.printf("daily-sales %s: %d categories written to gold.daily_sales and serving.daily_sales%n", day,
                rows.size());
        for (Row r : rows) {
            out.printf("  %-24s orders %6d  units %7d  revenue %s%n", r.getAs("category"), r.<Long>getAs("orders"),
                    r.<Long>getAs("units"), r.getAs("revenue"));
        }
        out.flush();
        return 0;
    }

    /** The job on a given session (also used by tests): sensor, history, gold, serving; returns the day's rows. */
    public static List<Row> run(SparkSession spark, LakehouseConfig config, PostgresSource postgres, BusinessDay day,
                                SalesTables tables, java.time.Duration timeout) throws Exception {
        DayPreparation.prepare(spark, config, postgres, day, tables, timeout);
        List<Row> rows = new DailySales(spark, new LakePaths(config.lakeRoot()), tables)
                .write(day, DayPreparation.retry(config));
        new ServingDailySales(postgres).replaceDay(day, rows);
        return rows;
    }
}
