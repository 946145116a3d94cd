package io.tributary.lakehouse.daily;

import io.tributary.configuration.ConfigException;
import io.tributary.configuration.DurationSyntax;
import io.tributary.lakehouse.LakehouseJobMain;
import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.reconcile.PostgresSource;
import io.tributary.lakehouse.stream.SparkSessions;
import java.nio.file.Files;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The options every daily job takes (the day, the sensor's timeout, the tables), and the run they share. */
public final class DayOptions {

    /** What a daily command does with its session and options; returns the exit code. */
    @FunctionalInterface
    interface DayJob {
        int run(SparkSession spark, LakehouseConfig config, PostgresSource postgres, BusinessDay day,
                SalesTables tables, Duration timeout) throws Exception;
    }

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The day (UTC) to compute.")
    String date;

    @Option(names = "--timeout", defaultValue = "10m", description = "How long the sensor waits for the day to end,"
            + " then without progress of the lake, before the job fails with exit code 5 (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--no-wait", description = "Skip the sensor: for a day the lake is known to hold completely (a"
            + " backfill of days long past, or a lake without a running stream).")
    boolean noWait;

    @Option(names = "--orders-table", defaultValue = "orders", description = "The orders table (default ${DEFAULT-VALUE}).")
    String orders;

    @Option(names = "--products-table", defaultValue = "products",
            description = "The products table (default ${DEFAULT-VALUE}).")
    String products;

    /**
     * Reads the options, the settings and PostgreSQL's (a bad one fails before Spark starts), then runs {@code job} on
     * a session of its own, stopped after; {@code timeout} is null with {@code --no-wait}.
     */
    int run(LakehouseJobMain parent, String appName, DayJob job) throws Exception {
        BusinessDay day = day();
        Duration wait = noWait ? null : timeout();
        LakehouseConfig config = parent.config();
        PostgresSource postgres = PostgresSource.fromEnvironment(System.getenv());
        Files.createDirectories(config.dataDir());
        SparkSession spark = SparkSessions.create(config, appName);
        try {
            return job.run(spark, config, postgres, day, tables(), wait);
        } finally {
            spark.stop();
        }
    }

    BusinessDay day() {
        return BusinessDay.parse(date);
    }

    Duration timeout() {
        try {
            return DurationSyntax.parse(timeout);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--timeout " + timeout + ": " + e.getMessage());
        }
    }

    SalesTables tables() {
        return new SalesTables(orders, products);
    }
}
