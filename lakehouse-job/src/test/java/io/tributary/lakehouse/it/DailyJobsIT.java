package io.tributary.lakehouse.it;

import static org.awaitility.Awaitility.await;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.fixture.CdcTopicProducer;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.stack.LocalStack;
import io.tributary.stack.Service;
import io.tributary.stack.StackPorts;
import java.time.Duration;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * daily-sales and validate on real servers: the day's orders in PostgreSQL and as change events through a running
 * lakehouse job; the sensor times out while the slot is behind, then passes; the day is computed twice with the same
 * rows in gold and serving; validate passes, then names the check a NULL breaks ({@link DailyJobsCheck}). A class of
 * its own, so that failsafe runs it beside LakehouseJobIT.
 */
class DailyJobsIT {
    private static final Duration WAIT = Duration.ofMinutes(8); // batches take minutes on a loaded 2-core box

    private static LakeTestStack lake;
    private static LocalStack stack;
    private static CdcTopicProducer producer;
    private static SparkSession spark;
    private static LakehouseConfig readerConfig;

    @BeforeAll
    static void start() throws java.io.IOException {
        lake = LakeTestStack.start("DailyJobsIT", Service.POSTGRES, Service.KAFKA, Service.REGISTRY, Service.S3);
        stack = lake.stack();
        lake.launchStream(Map.of("TRIBUTARY_LAKEHOUSE_MAINTENANCE_INTERVAL", "0s",
                "TRIBUTARY_LAKEHOUSE_METRICS_PORT", String.valueOf(StackPorts.freePort())));
        producer = lake.producer();
        spark = lake.openReader("daily-jobs-it-reader");
        readerConfig = lake.readerConfig();
    }

    @AfterAll
    static void stop() {
        if (lake != null) {
            lake.close();
        }
    }

    @Test
    void dailySalesTwiceGivesTheSameDayAndValidateNamesABrokenCheck() throws Exception {
        DailyJobsCheck day = new DailyJobsCheck(stack.postgres(), producer);
        day.send();
        LakePaths paths = new LakePaths(readerConfig.lakeRoot());
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() ->
                spark.read().format("delta").load(paths.silver(day.sales.orders)).where("NOT _deleted").count() == 4
                        && spark.read().format("delta").load(paths.silver(day.sales.products)).count() == 2);
        day.run(spark, readerConfig);
    }
}
