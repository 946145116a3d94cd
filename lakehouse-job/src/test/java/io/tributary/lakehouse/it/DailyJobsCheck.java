package io.tributary.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.daily.BusinessDay;
import io.tributary.lakehouse.daily.CheckResult;
import io.tributary.lakehouse.daily.DailySales;
import io.tributary.lakehouse.daily.DailySalesCommand;
import io.tributary.lakehouse.daily.DaySensor;
import io.tributary.lakehouse.daily.SalesTables;
import io.tributary.lakehouse.daily.ServingDailySales;
import io.tributary.lakehouse.daily.ValidateCommand;
import io.tributary.lakehouse.daily.ValidationReport;
import io.tributary.lakehouse.daily.ValidationResults;
import io.tributary.lakehouse.fixture.CdcTopicProducer;
import io.tributary.lakehouse.fixture.SalesFixture;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.reconcile.PostgresSource;
import io.tributary.stack.PostgresEndpoint;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The daily jobs' check of DailyJobsIT: yesterday's orders of a small shop written to PostgreSQL and sent as
 * cdc-engine would (tables {@code sales_orders}, {@code sales_products}: the IT's {@code orders} has another shape),
 * then the sensor, daily-sales twice, and validate before and after a NULL breaks a required column.
 */
final class DailyJobsCheck {

    static final String SLOT = "tributary_slot";

    final SalesFixture sales = new SalesFixture("sales_orders", "sales_products");
    private final PostgresEndpoint pg;
    private final CdcTopicProducer producer;
    private final BusinessDay day = new BusinessDay(LocalDate.now(ZoneOffset.UTC).minusDays(1));
    private final SalesTables tables = new SalesTables(sales.orders, sales.products);
    private long lsn = 5_000;

    DailyJobsCheck(PostgresEndpoint pg, CdcTopicProducer producer) {
        this.pg = pg;
        this.producer = producer;
    }

    private Instant at(String hourMinute) {
        return day.start().plus(Duration.ofMinutes(Long.parseLong(hourMinute.substring(0, 2)) * 60
                + Long.parseLong(hourMinute.substring(3))));
    }

    /** The tables in PostgreSQL with their final rows, and every change of the day sent to Kafka. */
    void send() throws SQLException {
        sql("CREATE TABLE shop." + sales.products + " (product_id bigint PRIMARY KEY, category text)");
        sql("CREATE TABLE shop." + sales.orders + " (order_id bigint PRIMARY KEY, product_id bigint, quantity int,"
                + " unit_price numeric(10,2), status text, ordered_at timestamptz)");
        sql("GRANT SELECT ON shop." + sales.orders + ", shop." + sales.products + " TO " + pg.cdcUser());
        product(1, "Toys", at("00:05"));
        product(2, "Books", at("00:05"));
        order("c", 1, 1, 2, "10.00", "placed", at("09:00"), at("09:00"));
        order("c", 2, 2, 1, "4.50", "placed", at("10:00"), at("10:00"));
        order("c", 3, 1, 5, "1.00", "placed", at("11:00"), at("11:00"));
        order("u", 2, 2, 3, "4.50", "paid", at("10:00"), at("12:00"));
        order("u", 3, 1, 5, "1.00", "cancelled", at("11:00"), at("13:00"));
        order("c", 4, 2, 2, "7.00", "placed", at("23:00"), at("23:00"));
        producer.flush();
    }

    private void product(long id, String category, Instant committed) throws SQLException {
        sql("INSERT INTO shop." + sales.products + " VALUES (?, ?)", id, category);
        producer.send(sales.productsTopic, sales.productKey(id), sales.productsEnvelope,
                sales.product("c", id, category, ++lsn, committed));
    }

    private void order(String op, long id, long product, int qty, String price, String status, Instant orderedAt,
                       Instant committed) throws SQLException {
        if (op.equals("c")) {
            sql("INSERT INTO shop." + sales.orders + " VALUES (?, ?, ?, ?, ?, ?)", id, product, qty,
                    new BigDecimal(price), status, Timestamp.from(orderedAt));
        } else {
            sql("UPDATE shop." + sales.orders + " SET quantity = ?, status = ? WHERE order_id = ?", qty, status, id);
        }
        producer.send(sales.ordersTopic, sales.orderKey(id), sales.ordersEnvelope,
                sales.order(op, id, product, qty, price, status, orderedAt, ++lsn, committed));
    }

    /** The sensor, daily-sales twice, validate, a NULL, validate again. */
    void run(SparkSession spark, LakehouseConfig config) throws Exception {
        PostgresSource source = new PostgresSource(pg.host(), pg.port(), pg.database(), pg.cdcUser(),
                pg.cdcPassword(), SLOT);
        sql("SELECT pg_create_logical_replication_slot('" + SLOT + "', 'pgoutput')");
        sql("SELECT pg_logical_emit_message(false, 'tributary-test', 'a WAL record after the slot')");
        assertThatThrownBy(() -> new DaySensor(source, config, spark.sparkContext().hadoopConfiguration(),
                Clock.systemUTC()).await(day, Duration.ofSeconds(2)))
                .as("nothing confirms the slot: the sensor gives up and says on what")
                .isInstanceOf(DaySensor.DayNotReadyException.class)
                .hasMessageContaining("slot " + SLOT + " confirmed").hasMessageContaining(day.toString());

        // from here the slot is confirmed as cdc-engine would, up to the newest WAL position, every 300 ms
        ScheduledExecutorService confirmer = Executors.newSingleThreadScheduledExecutor();
        confirmer.scheduleWithFixedDelay(() -> {
            try {
                sql("SELECT pg_replication_slot_advance('" + SLOT + "', pg_current_wal_lsn())");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, 0, 300, TimeUnit.MILLISECONDS);
        try {
            List<org.assertj.core.groups.Tuple> expected = List.of(tuple("Books", 2L, 5L, new BigDecimal("27.50")),
                    tuple("Toys", 1L, 2L, new BigDecimal("20.00")));
            List<Row> first = DailySalesCommand.run(spark, config, source, day, tables, Duration.ofMinutes(4));
            assertThat(first).extracting(r -> r.getAs("category"), r -> r.getAs("orders"), r -> r.getAs("units"),
                    r -> r.getAs("revenue")).containsExactlyElementsOf(expected);
            List<String> served = served(source);
            List<Row> second = DailySalesCommand.run(spark, config, source, day, tables, Duration.ofMinutes(4));
            assertThat(second).isEqualTo(first);
            assertThat(served(source)).as("serving after the rerun").isEqualTo(served)
                    .containsExactly(day + "|Books|2|5|27.5", day + "|Toys|1|2|20");
            LakePaths paths = new LakePaths(config.lakeRoot());
            assertThat(spark.read().format("delta").load(paths.gold(DailySales.TABLE))
                    .where("date = " + day.sqlLiteral()).count()).as("gold holds the day once").isEqualTo(2);

            ValidationReport passed = ValidateCommand.run(spark, config, source, day, tables, Duration.ofMinutes(4));
            assertThat(passed.failed()).as(passed.toText()).isEmpty();
            assertThat(passed.checks()).extracting(CheckResult::check).contains("sales_orders rows = PostgreSQL",
                    "history.sales_orders current = silver.sales_orders", "serving.daily_sales = gold.daily_sales");

            spark.sql("UPDATE " + LakePaths.deltaRef(paths.gold(DailySales.TABLE)) + " SET units = NULL WHERE date = "
                    + day.sqlLiteral() + " AND category = 'Toys'");
            ValidationReport broken = ValidateCommand.run(spark, config, source, day, tables, null);
            assertThat(broken.exitCode()).isEqualTo(ValidationReport.EXIT_CHECK_FAILED);
            assertThat(broken.toText()).contains("checks FAILED: ").contains("daily_sales.units not null");
            assertThat(spark.read().format("delta").load(paths.gold(ValidationResults.TABLE))
                    .where("date = " + day.sqlLiteral() + " AND NOT passed").select("check").collectAsList())
                    .extracting(r -> r.getString(0)).contains("daily_sales.units not null")
                    .doesNotContain("sales_orders rows = PostgreSQL");
        } finally {
            confirmer.shutdownNow();
        }
    }

    private List<String> served(PostgresSource source) throws SQLException {
        return new ServingDailySales(source).read(day).stream().map(ServingDailySales.SalesRow::canonical).toList();
    }

    private void sql(String sql, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.superUser(), pg.superPassword());
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        }
    }
}
