package io.tributary.lakehouse.history;

import static io.tributary.lakehouse.fixture.DebeziumFixtures.TOAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tributary.lakehouse.fixture.BronzeBatches;
import io.tributary.lakehouse.fixture.OrdersFixture;
import io.tributary.lakehouse.lake.BronzeWriter;
import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakeCatalog;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.LocalLake;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History from bronze on the local filesystem with Spark local[2]: bronze is appended by the job's own writer from
 * Debezium-shaped records, then history runs. Versions, a replayed run, a change sent twice, a lost watermark (a crash
 * between the MERGE and the watermark), TOAST, delete and re-insert, a truncate, and the as_of views.
 */
class HistoryWriterSparkTest {

    @TempDir
    static Path dir;

    static SparkSession spark;
    static LakePaths paths;
    static BronzeWriter bronze;
    static HistoryWriter history;

    @BeforeAll
    static void startSpark() {
        LocalLake lake = LocalLake.start(dir, "history-writer-test");
        spark = lake.spark();
        paths = lake.paths();
        CommitRetry retry = new CommitRetry(3, Duration.ofMillis(50));
        bronze = new BronzeWriter(paths, retry);
        history = new HistoryWriter(spark, paths, retry);
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** One bronze append of the records (key, value, key, value, ...) at offsets batchId * 1000 + i. */
    private static void bronzeBatch(OrdersFixture f, long batchId, Object... keyAndValue) {
        new BronzeBatches(spark, bronze, null).append(f.table, f.topic, f.envelopeV1, f.key, batchId, keyAndValue);
    }

    /** (id, customer, total, qty, lsn_from, lsn_to, op, is_current) of every version, in key and LSN order. */
    private static List<org.assertj.core.groups.Tuple> versions(String table) {
        return spark.read().format("delta").load(paths.history(table)).orderBy("id", "_lsn_from").collectAsList()
                .stream().map(r -> tuple(r.getAs("id"), r.getAs("customer"), r.getAs("total"), r.getAs("qty"),
                        r.getAs("_lsn_from"), r.getAs("_lsn_to"), r.getAs("_op"), r.getAs("is_current"))).toList();
    }

    private static Instant at(long lsn) {
        return Instant.ofEpochMilli(1_767_225_600_000L + lsn); // the fixture's commit time of a change at lsn
    }

    @Test
    void versionsFollowTheChangesThroughReplaysDuplicatesAndALostWatermark() {
        OrdersFixture f = new OrdersFixture("tributary.shop.orders_h", "orders_h");
        bronzeBatch(f, 0,
                f.key(1), f.insert(1, 100, "ada", "10.00", 1),
                f.key(2), f.insert(2, 101, "bob", "20.00", 2),
                f.key(3), f.insert(3, 102, "cyd", "30.00", 3));
        assertThat(history.update(f.table).versionsWritten()).isEqualTo(3);
        bronzeBatch(f, 1,
                f.key(2), f.update(2, 201, "bob", "22.50", 4),
                f.key(3), f.delete(3, 202),
                f.key(1), f.update(1, 210, TOAST, "11.00", 5));
        assertThat(history.update(f.table).changesRead()).isEqualTo(3);
        List<org.assertj.core.groups.Tuple> afterTwoRuns = versions(f.table);

        HistoryWriter.TableReport rerun = history.update(f.table);
        assertThat(rerun.changesRead()).as("nothing new past the watermark").isZero();
        assertThat(versions(f.table)).isEqualTo(afterTwoRuns);

        // a crash after the MERGE, before the watermark: the next run reads everything again and writes no new version
        io.delta.tables.DeltaTable.forPath(spark, paths.historyWatermarks()).delete("table_name = '" + f.table + "'");
        bronzeBatch(f, 2,
                f.key(2), f.update(2, 201, "bob", "22.50", 4), // cdc-engine sent it again, under a new offset
                f.key(3), f.insert(3, 300, "cyd", "33.00", 3)); // re-inserted after its delete
        HistoryWriter.TableReport replay = history.update(f.table);
        assertThat(replay.changesRead()).isEqualTo(8);

        assertThat(versions(f.table)).containsExactly(
                tuple(1, "ada", new BigDecimal("10.00"), 1, 100L, 210L, "c", false),
                tuple(1, "ada", new BigDecimal("11.00"), 5, 210L, null, "u", true), // TOAST: customer kept
                tuple(2, "bob", new BigDecimal("20.00"), 2, 101L, 201L, "c", false),
                tuple(2, "bob", new BigDecimal("22.50"), 4, 201L, null, "u", true),
                tuple(3, "cyd", new BigDecimal("30.00"), 3, 102L, 202L, "c", false),
                tuple(3, "cyd", new BigDecimal("33.00"), 3, 300L, null, "c", true));
        Row closed = spark.read().format("delta").load(paths.history(f.table)).where("id = 3 AND _lsn_from = 102")
                .first();
        assertThat(closed.<Instant>getAs("valid_from")).isEqualTo(at(102));
        assertThat(closed.<Instant>getAs("valid_to")).isEqualTo(at(202));

        LakeCatalog.registerAll(spark, paths);
        LakeCatalog.registerAsOf(spark, paths, at(205));
        assertThat(spark.sql("SELECT id, customer, total FROM as_of.orders_h ORDER BY id").collectAsList())
                .as("after 3's delete, before 1's update").extracting(r -> r.get(0), r -> r.get(1), r -> r.get(2))
                .containsExactly(tuple(1, "ada", new BigDecimal("10.00")), tuple(2, "bob", new BigDecimal("22.50")));
        assertThat(spark.sql("SELECT * FROM as_of.orders_h").columns()).doesNotContain("valid_from", "_lsn_from");
        assertThat(spark.sql("SELECT count(*) FROM history.orders_h WHERE is_current").first().getLong(0)).isEqualTo(3);
    }

    @Test
    void aTruncateClosesEveryOpenVersion() {
        OrdersFixture f = new OrdersFixture("tributary.shop.carts_h", "carts_h");
        bronzeBatch(f, 0,
                f.key(1), f.insert(1, 400, "ada", "1.00", 1),
                f.key(2), f.insert(2, 401, "bob", "2.00", 2));
        history.update(f.table);
        bronzeBatch(f, 1,
                null, f.truncate(410),
                f.key(3), f.insert(3, 411, "cyd", "3.00", 3));
        history.update(f.table);
        List<org.assertj.core.groups.Tuple> expected = List.of(
                tuple(1, "ada", new BigDecimal("1.00"), 1, 400L, 410L, "c", false),
                tuple(2, "bob", new BigDecimal("2.00"), 2, 401L, 410L, "c", false),
                tuple(3, "cyd", new BigDecimal("3.00"), 3, 411L, null, "c", true));
        assertThat(versions(f.table)).containsExactlyElementsOf(expected);

        // a history table deleted to be rebuilt: its watermarks stay behind, and the next run still reads all of bronze
        org.apache.hadoop.fs.Path historyDir = new org.apache.hadoop.fs.Path(paths.history(f.table));
        try {
            assertThat(historyDir.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(historyDir, true)).isTrue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(history.update(f.table).changesRead()).isEqualTo(4);
        assertThat(versions(f.table)).containsExactlyElementsOf(expected);
    }

    /**
     * History's current rows against silver's live rows (reconcile --history, validate): equal after inserts, updates
     * and a delete; a key changed after the snapshot's LSN is left out as in flight; a silver row changed behind
     * history's back is found with its key.
     */
    @Test
    void currentVersionsEqualLiveRowsUntilSilverIsChangedBehindHistorysBack() {
        OrdersFixture f = new OrdersFixture("tributary.shop.orders_v", "orders_v");
        withSilver().append(f.table, f.topic, f.envelopeV1, f.key, 0,
                f.key(1), f.insert(1, 100, "ada", "10.00", 1),
                f.key(2), f.insert(2, 101, "bob", "20.00", 2),
                f.key(3), f.insert(3, 102, "cyd", "30.00", 3));
        withSilver().append(f.table, f.topic, f.envelopeV1, f.key, 1,
                f.key(2), f.update(2, 200, "bob", "22.50", 4),
                f.key(3), f.delete(3, 201));
        history.update(f.table);
        HistoryAgainstSilver against = new HistoryAgainstSilver(spark, paths);
        assertThat(against.comparable(f.table)).isTrue();

        HistoryAgainstSilver.Comparison equal = against.compare(f.table, List.of("id"), OptionalLong.of(201), 10);
        assertThat(equal.equal()).as("%s", equal).isTrue();
        assertThat(equal.historyRows()).isEqualTo(2);
        assertThat(equal.silverRows()).isEqualTo(2);
        assertThat(equal.inFlight()).isZero();

        // a change after the snapshot (LSN 201) reaches silver and history: left out, not a difference
        withSilver().append(f.table, f.topic, f.envelopeV1, f.key, 2, f.key(1), f.update(1, 300, "ada", "11.00", 5));
        history.update(f.table);
        HistoryAgainstSilver.Comparison later = against.compare(f.table, List.of("id"), OptionalLong.of(201), 10);
        assertThat(later.equal()).as("%s", later).isTrue();
        assertThat(later.inFlight()).isEqualTo(1);
        assertThat(later.historyRows()).isEqualTo(1);

        // silver changed by hand: history and silver now differ on key 2, both ways
        spark.sql("UPDATE delta.`" + paths.silver(f.table) + "` SET customer = 'eve' WHERE id = 2");
        HistoryAgainstSilver.Comparison differs = against.compare(f.table, List.of("id"), OptionalLong.of(300), 10);
        assertThat(differs.equal()).isFalse();
        assertThat(differs.onlyInHistory()).isEqualTo(1);
        assertThat(differs.onlySilver()).isEqualTo(1);
        assertThat(differs.firstKeys()).containsExactly("2");
        assertThat(differs.inFlight()).isZero();
    }

    /** Batches written to bronze and MERGEd into silver, as the job writes them. */
    private static BronzeBatches withSilver() {
        CommitRetry retry = new CommitRetry(3, Duration.ofMillis(50));
        return new BronzeBatches(spark, bronze, new io.tributary.lakehouse.lake.SilverWriter(spark, paths, retry));
    }
}
