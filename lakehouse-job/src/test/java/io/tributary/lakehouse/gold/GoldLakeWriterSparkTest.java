package io.tributary.lakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lakehouse.cdc.Op;
import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.LocalLake;
import io.tributary.lakehouse.lake.SmallFileCompaction;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Delta gold tables on the local filesystem with Spark local[2]: a batch written twice (a replay) leaves the
 * tables as one write does, an emptied window goes away, late changes are appended once per batch.
 */
class GoldLakeWriterSparkTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    static Path dir;

    static SparkSession spark;
    static LakePaths paths;
    static GoldLakeWriter writer;

    @BeforeAll
    static void startSpark() {
        LocalLake lake = LocalLake.start(dir, "gold-lake-writer-test");
        spark = lake.spark();
        paths = lake.paths();
        CommitRetry retry = new CommitRetry(3, Duration.ofMillis(50));
        writer = new GoldLakeWriter(spark, paths, "gold-test", retry, new SmallFileCompaction(spark, retry, 16));
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static OrderImage order(long id, long quantity, String status, Instant at) {
        return new OrderImage(id, 1, 9, quantity, new BigDecimal("2.50"), status, at);
    }

    @Test
    void aReplayedBatchChangesNothingAndAnEmptiedWindowGoesAway() {
        GoldWindows windows = new GoldWindows(Duration.ofMinutes(2));
        OrderImage first = order(1, 2, "placed", T0.plusSeconds(10));
        BatchOutcome b0 = windows.apply(Map.of(1L, "Toys"), List.of(
                new OrderChange(1, Op.CREATE, 10, null, first),
                new OrderChange(2, Op.CREATE, 11, null, order(2, 1, "placed", T0.plusSeconds(60)))));
        writer.write(b0, 0);
        writer.write(b0, 0); // the replay
        assertThat(minutes()).containsExactly("10:00 Toys 1 2 5.000000", "10:01 Toys 1 1 2.500000");

        // order 1 cancelled: its minute is empty and goes; order 4 moves the watermark to 10:04:40
        BatchOutcome b1 = windows.apply(Map.of(), List.of(
                new OrderChange(1, Op.UPDATE, 12, first, order(1, 2, "cancelled", T0.plusSeconds(10))),
                new OrderChange(4, Op.CREATE, 13, null, order(4, 1, "placed", T0.plusSeconds(400)))));
        writer.write(b1, 1);
        // order 3 at 10:00:30: its minute and four of its sliding windows are closed
        BatchOutcome b2 = windows.apply(Map.of(), List.of(
                new OrderChange(3, Op.CREATE, 14, null, order(3, 4, "placed", T0.plusSeconds(30)))));
        assertThat(b2.lateChanges()).isEqualTo(1);
        writer.write(b2, 2);
        writer.write(b2, 2); // the replay

        assertThat(minutes()).containsExactly("10:01 Toys 1 1 2.500000", "10:06 Toys 1 1 2.500000");
        List<Row> late = spark.read().format("delta").load(paths.gold("late_changes"))
                .where("gold_table = 'revenue_by_category_1m'").collectAsList();
        assertThat(late).hasSize(1);
        assertThat(late.get(0).<Long>getAs("order_id")).isEqualTo(3L);
        assertThat(late.get(0).<Long>getAs("units")).isEqualTo(4L);
        assertThat(late.get(0).<BigDecimal>getAs("revenue")).isEqualByComparingTo("10");
        assertThat(spark.read().format("delta").load(paths.gold("late_changes")).count())
                .as("the minute and four sliding windows of order 3, once").isEqualTo(5);
    }

    private static List<String> minutes() {
        return spark.read().format("delta").load(paths.gold("revenue_by_category_1m"))
                .orderBy("window_start", "category").collectAsList().stream()
                .map(r -> r.<Instant>getAs("window_start").toString().substring(11, 16) + " " + r.getAs("category")
                        + " " + r.getAs("orders") + " " + r.getAs("units") + " " + r.getAs("revenue"))
                .toList();
    }
}
