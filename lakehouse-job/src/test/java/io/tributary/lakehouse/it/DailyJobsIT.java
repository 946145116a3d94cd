package io.tributary.lakehouse.it;

import static org.awaitility.Awaitility.await;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.fixture.CdcTopicProducer;
import io.tributary.lakehouse.fixture.ReaderSessions;
import io.tributary.lakehouse.fixture.SparkJvmOptions;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.stack.LocalStack;
import io.tributary.stack.ModuleLaunch;
import io.tributary.stack.Service;
import io.tributary.stack.StackPorts;
import io.tributary.stack.StackSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    private static Path dir;
    private static LocalStack stack;
    private static CdcTopicProducer producer;
    private static SparkSession spark;
    private static LakehouseConfig readerConfig;

    @BeforeAll
    static void start() throws java.io.IOException {
        dir = Path.of("target/it-stacks/DailyJobsIT-" + System.currentTimeMillis()).toAbsolutePath();
        stack = LocalStack.start(StackSettings.forTests(dir), Service.POSTGRES, Service.KAFKA, Service.REGISTRY,
                Service.S3);
        Map<String, String> env = new HashMap<>();
        env.put("TRIBUTARY_LAKEHOUSE_TRIGGER_INTERVAL", "1s");
        env.put("TRIBUTARY_LAKEHOUSE_MAINTENANCE_INTERVAL", "0s");
        env.put("TRIBUTARY_LAKEHOUSE_METRICS_PORT", String.valueOf(StackPorts.freePort()));
        env.put("TRIBUTARY_LAKEHOUSE_DATA_DIR", dir.resolve("lakehouse-job").toString());
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        jvm.addAll(SparkJvmOptions.forChildJvm());
        stack.launch(ModuleLaunch.of("lakehouse-job", "io.tributary.lakehouse.LakehouseJobMain", List.of("stream"), env,
                jvm));
        producer = new CdcTopicProducer(stack.kafkaBootstrap(), stack.registryUrl());

        Map<String, String> readerEnv = new HashMap<>(stack.serviceEnvironment());
        readerEnv.put("TRIBUTARY_LAKEHOUSE_DATA_DIR", dir.resolve("test-spark").toString());
        readerConfig = LakehouseConfig.load(Map.of(), readerEnv, Map.of());
        spark = ReaderSessions.create(readerConfig, "daily-jobs-it-reader");
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (spark != null) {
            spark.stop();
        }
        if (stack != null) {
            stack.close();
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
