package io.tributary.lakehouse.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tributary.lakehouse.fixture.BronzeBatches;
import io.tributary.lakehouse.fixture.SalesFixture;
import io.tributary.lakehouse.history.HistoryWriter;
import io.tributary.lakehouse.lake.BronzeWriter;
import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.LocalLake;
import io.tributary.lakehouse.lake.SilverWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * daily-sales and validate's lake checks on the local filesystem with Spark local[2]: orders and products go through
 * bronze and silver as the job writes them, history is built, and one day is computed as it stood at its end (changes
 * of the next day, a later delete and a later category move do not count), twice, and then broken.
 */
class DailySalesSparkTest {

    @TempDir
    static Path dir;

    static SparkSession spark;
    static LakePaths paths;
    static BronzeBatches batches;
    static CommitRetry retry = new CommitRetry(3, Duration.ofMillis(50));
    static final SalesFixture SALES = new SalesFixture("orders", "products");
    static final BusinessDay DAY = BusinessDay.parse("2026-11-30");
    static long lsn = 100;

    @BeforeAll
    static void startSpark() {
        LocalLake lake = LocalLake.start(dir, "daily-sales-test");
        spark = lake.spark();
        paths = lake.paths();
        batches = new BronzeBatches(spark, new BronzeWriter(paths, retry), new SilverWriter(spark, paths, retry));
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** An instant of the day (hh:mm), or of the days around it with a day offset. */
    static Instant at(int dayOffset, String hourMinute) {
        return DAY.start().plus(Duration.ofDays(dayOffset)).plus(Duration.ofMinutes(
                Long.parseLong(hourMinute.substring(0, 2)) * 60 + Long.parseLong(hourMinute.substring(3))));
    }

    static Object[] order(String op, long id, long product, int qty, String price, String status, Instant orderedAt,
                          Instant committed) {
        return new Object[] {SALES.orderKey(id), SALES.order(op, id, product, qty, price, status, orderedAt, ++lsn,
                committed)};
    }

    static Object[] concat(Object[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray();
    }

    @Test
    void aDayIsComputedAsItStoodAtItsEndAndRerunsGiveTheSameRows() {
        batches.append(SALES.products, SALES.productsTopic, SALES.productsEnvelope, SALES.productKey, 0,
                SALES.productKey(1), SALES.product("c", 1, "Toys", ++lsn, at(-1, "10:00")),
                SALES.productKey(2), SALES.product("c", 2, "Books", ++lsn, at(-1, "10:00")));
        batches.append(SALES.orders, SALES.ordersTopic, SALES.ordersEnvelope, SALES.orderKey, 0, concat(
                order("c", 6, 1, 4, "9.00", "placed", at(-1, "18:00"), at(-1, "18:00")),
                order("c", 1, 1, 2, "10.00", "placed", at(0, "09:00"), at(0, "09:00")),
                order("c", 2, 2, 1, "4.50", "placed", at(0, "10:00"), at(0, "10:00")),
                order("c", 3, 1, 5, "1.00", "placed", at(0, "11:00"), at(0, "11:00")),
                order("u", 2, 2, 3, "4.50", "paid", at(0, "10:00"), at(0, "12:00")),
                order("u", 3, 1, 5, "1.00", "cancelled", at(0, "11:00"), at(0, "13:00")),
                order("c", 7, 9, 1, "2.00", "placed", at(0, "15:00"), at(0, "15:00")),
                order("c", 5, 1, 1, "3.00", "placed", at(0, "20:00"), at(0, "20:00")),
                order("c", 4, 2, 2, "7.00", "placed", at(0, "23:00"), at(0, "23:00"))));
        // the next day: order 4 deleted, order 5 changed, product 2 moved, an order placed at midnight
        batches.append(SALES.orders, SALES.ordersTopic, SALES.ordersEnvelope, SALES.orderKey, 1, concat(
                new Object[] {SALES.orderKey(4), SALES.orderDelete(4, ++lsn, at(1, "01:00"))},
                order("u", 5, 1, 9, "3.00", "placed", at(0, "20:00"), at(1, "02:00")),
                order("c", 8, 1, 1, "5.00", "placed", at(1, "00:00"), at(1, "00:00"))));
        batches.append(SALES.products, SALES.productsTopic, SALES.productsEnvelope, SALES.productKey, 1,
                SALES.productKey(2), SALES.product("u", 2, "Garden", ++lsn, at(1, "08:00")));
        HistoryWriter history = new HistoryWriter(spark, paths, retry);
        history.update(SALES.orders);
        history.update(SALES.products);

        DailySales sales = new DailySales(spark, paths, SalesTables.SHOP);
        List<org.assertj.core.groups.Tuple> expected = List.of(
                tuple("(unknown)", 1L, 1L, new BigDecimal("2.00")),
                tuple("Books", 2L, 5L, new BigDecimal("27.50")),
                tuple("Toys", 2L, 3L, new BigDecimal("23.00")));
        assertThat(sales.write(DAY, retry)).extracting(r -> r.getAs("category"), r -> r.getAs("orders"),
                r -> r.getAs("units"), r -> r.getAs("revenue")).containsExactlyElementsOf(expected);
        sales.write(DAY, retry);
        BusinessDay next = BusinessDay.parse("2026-12-01");
        sales.write(next, retry);
        assertThat(gold(DAY)).as("the day rewritten twice, the next day beside it").containsExactlyElementsOf(expected);
        assertThat(gold(next)).containsExactly(tuple("Toys", 1L, 1L, new BigDecimal("5.00")));

        DailyValidation validation = new DailyValidation(spark, paths, SalesTables.SHOP, null, "shop");
        List<CheckResult> checks = validation.lakeChecks(DAY);
        assertThat(checks).extracting(CheckResult::check).containsExactly(
                "history.orders current = silver.orders", "history.products current = silver.products",
                "daily_sales = recomputation from history", "daily_sales.date not null",
                "daily_sales.category not null", "daily_sales.orders not null", "daily_sales.units not null",
                "daily_sales.revenue not null", "daily_sales (date, category) unique", "daily_sales.orders >= 1",
                "daily_sales.units >= 0", "daily_sales.revenue >= 0");
        assertThat(checks).allMatch(CheckResult::passed, "every check passes");

        spark.sql("UPDATE delta.`" + paths.gold(DailySales.TABLE) + "` SET units = NULL WHERE date = DATE '" + DAY.date()
                + "' AND category = 'Toys'");
        assertThat(validation.lakeChecks(DAY)).filteredOn(c -> !c.passed()).extracting(CheckResult::check,
                CheckResult::observed).containsExactly(tuple("daily_sales = recomputation from history", "2 rows"),
                tuple("daily_sales.units not null", "1 rows"));
    }

    private static List<org.assertj.core.groups.Tuple> gold(BusinessDay day) {
        return spark.read().format("delta").load(paths.gold(DailySales.TABLE)).where("date = DATE '" + day.date() + "'")
                .orderBy("category").collectAsList().stream().map(r -> tuple(r.getAs("category"), r.getAs("orders"),
                        r.getAs("units"), r.getAs("revenue"))).toList();
    }
}
