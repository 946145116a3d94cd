package io.tributary.lakehouse.daily;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.history.HistoryWriter;
import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.reconcile.PostgresSource;
import java.time.Clock;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every daily job does first: wait for the day ({@link DaySensor}, unless told not to), then bring the history
 * of the tables it reads up to bronze.
 */
public final class DayPreparation {

    private static final Logger LOG = LoggerFactory.getLogger(DayPreparation.class);

    private DayPreparation() {
    }

    /**
     * @param timeout the sensor's timeout; null skips the sensor
     */
    public static void prepare(SparkSession spark, LakehouseConfig config, PostgresSource postgres, BusinessDay day,
                               SalesTables tables, Duration timeout) throws Exception {
        if (timeout != null) {
            new DaySensor(postgres, config, spark.sparkContext().hadoopConfiguration(), Clock.systemUTC())
                    .await(day, timeout);
        } else {
            LOG.info("sensor skipped (--no-wait): computing {} from what the lake holds now", day);
        }
        HistoryWriter history = new HistoryWriter(spark, new LakePaths(config.lakeRoot()), retry(config));
        history.update(tables.orders());
        history.update(tables.products());
    }

    static CommitRetry retry(LakehouseConfig config) {
        return new CommitRetry(config.commitRetries(), config.commitBackoff());
    }
}
