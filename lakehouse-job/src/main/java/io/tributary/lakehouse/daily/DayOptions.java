package io.tributary.lakehouse.daily;

import io.tributary.configuration.ConfigException;
import io.tributary.configuration.DurationSyntax;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every daily job takes: the day, the sensor's timeout, the tables. */
public final class DayOptions {

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
