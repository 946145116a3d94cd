package io.tributary.lakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the lake's SQL can name before any poison arrived: lake.quarantine exists, empty, once the job started, and
 * pg_lsn renders the LSNs the tables keep as numbers. Spark local[2] on the local filesystem.
 */
class LakeCatalogSparkTest {

    @TempDir
    static Path dir;

    static SparkSession spark;
    static LakePaths paths;

    @BeforeAll
    static void startSpark() {
        LocalLake lake = LocalLake.start(dir, "lake-catalog-test");
        spark = lake.spark();
        paths = lake.paths();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void theQuarantineIsQueryableAndEmptyBeforeTheFirstPoisonRecordAndTakesItsRowsAfter() {
        QuarantineWriter quarantine = new QuarantineWriter(paths, new CommitRetry(3, Duration.ofMillis(50)));
        assertThat(quarantine.createIfMissing(spark)).as("created at the job's start").isTrue();
        assertThat(quarantine.createIfMissing(spark)).as("a restart finds it").isFalse();

        LakeCatalog.registerAll(spark, paths);
        assertThat(spark.sql("SELECT count(*) FROM lake.quarantine").first().getLong(0)).isZero();
        assertThat(Arrays.asList(spark.table("lake.quarantine").columns())).containsExactly("_topic", "_partition", "_offset",
                "_kafka_timestamp", "_table", "_error", "_raw_key", "_raw_value", "_quarantined_at", "_batch_id");

        Row poison = RowFactory.create("tributary.shop.payments", 0, 41L, new Timestamp(0), "payments", "not Avro",
                new byte[] {0}, new byte[] {1, 2}, new Timestamp(1000), 7L);
        quarantine.append(spark.createDataFrame(List.of(poison), QuarantineWriter.SCHEMA), "test-app", 7);
        LakeCatalog.registerAll(spark, paths);
        assertThat(spark.sql("SELECT _table, _offset, _error FROM lake.quarantine").collectAsList())
                .extracting(Row::toString).containsExactly("[payments,41,not Avro]");
    }

    @Test
    void pgLsnRendersTheNumberAsPostgresPrintsIt() {
        LakeCatalog.registerAll(spark, paths);
        Row row = spark.sql("SELECT pg_lsn(28568008L), pg_lsn(4294967296L), pg_lsn(CAST(NULL AS BIGINT))").first();
        assertThat(row.getString(0)).isEqualTo("0/1B3E9C8");
        assertThat(row.getString(1)).isEqualTo("1/0");
        assertThat(row.isNullAt(2)).isTrue();
    }
}
