package io.tributary.lakehouse.lake;

import static io.tributary.lakehouse.fixture.DebeziumFixtures.TOAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tributary.lakehouse.decode.EnvelopeConverter;
import io.tributary.lakehouse.decode.KafkaCoordinates;
import io.tributary.lakehouse.decode.TableLayout;
import io.tributary.lakehouse.decode.TableLayouts;
import io.tributary.lakehouse.fixture.DebeziumFixtures;
import io.tributary.lakehouse.fixture.OrdersFixture;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Delta side of the job on the local filesystem with Spark local[2]: bronze appends and silver merges of
 * decoded change rows, replays, tombstones and TOAST. No Kafka, no registry. Truncate and schema evolution run
 * through the whole job on S3 in LakehouseJobIT (each Spark batch here costs seconds, so no case runs twice).
 */
class LakeWritersSparkTest {

    @TempDir
    static Path dir;

    static SparkSession spark;
    static LakePaths paths;
    static BronzeWriter bronze;
    static SilverWriter silver;

    @BeforeAll
    static void startSpark() {
        LocalLake lake = LocalLake.start(dir, "lake-writers-test");
        spark = lake.spark();
        paths = lake.paths();
        CommitRetry retry = new CommitRetry(3, Duration.ofMillis(50));
        bronze = new BronzeWriter(paths, retry);
        silver = new SilverWriter(spark, paths, retry);
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** One micro-batch: decodes the records as the job would and writes bronze then silver. */
    private static void batch(OrdersFixture f, long batchId, List<Schema> envelopes, Object... keyAndValue) {
        Dataset<Row> decoded = decode(f, batchId, envelopes, keyAndValue);
        TableLayout layout = layout(f, envelopes);
        bronze.append(f.table, decoded, "test-app", batchId);
        silver.write(layout, decoded, TableBatchStats.of(decoded));
    }

    /** The bronze half of {@link #batch}. */
    private static void bronzeOnly(OrdersFixture f, long batchId, List<Schema> envelopes, Object... keyAndValue) {
        bronze.append(f.table, decode(f, batchId, envelopes, keyAndValue), "test-app", batchId);
    }

    private static TableLayout layout(OrdersFixture f, List<Schema> envelopes) {
        Map<Integer, Schema> valueSchemas = new HashMap<>();
        for (int i = 0; i < envelopes.size(); i++) {
            valueSchemas.put(i + 1, envelopes.get(i));
        }
        return TableLayouts.derive(f.table, valueSchemas, Map.of(100, f.key)).orElseThrow();
    }

    private static Dataset<Row> decode(OrdersFixture f, long batchId, List<Schema> envelopes, Object... keyAndValue) {
        TableLayout layout = layout(f, envelopes);
        EnvelopeConverter converter = new EnvelopeConverter(layout, TOAST);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < keyAndValue.length; i += 2) {
            long offset = batchId * 1000 + i / 2;
            rows.add(converter.convert((GenericRecord) keyAndValue[i + 1], (GenericRecord) keyAndValue[i],
                    new KafkaCoordinates(f.topic, 0, offset, Instant.now())));
        }
        return spark.createDataFrame(rows, layout.decodedSchema());
    }

    private static List<Row> live(String table) {
        return spark.read().format("delta").load(paths.silver(table)).where("NOT _deleted").orderBy("id")
                .collectAsList();
    }

    private static Dataset<Row> all(String table) {
        return spark.read().format("delta").load(paths.silver(table));
    }

    @Test
    void changeStreamGivesTheCurrentStateWithTombstonesAndToast() {
        OrdersFixture f = new OrdersFixture("tributary.shop.orders_a", "orders_a");
        List<Schema> v1 = List.of(f.envelopeV1);
        batch(f, 0, v1,
                f.key(1), f.insert(1, 100, "ada", "10.00", 1),
                f.key(2), f.insert(2, 101, "bob", "20.00", 2),
                f.key(3), f.insert(3, 102, "cyd", "30.00", 3));
        GenericRecord toast = f.update(1, 210, TOAST, "11.00", 5);
        batch(f, 1, v1,
                f.key(2), f.update(2, 201, "bob", "22.50", 4),
                f.key(3), f.delete(3, 202),
                f.key(1), toast);

        List<Row> rows = live(f.table);
        assertThat(rows).extracting(r -> r.getAs("id"), r -> r.getAs("customer"), r -> r.getAs("total"),
                        r -> r.getAs("qty"))
                .containsExactly(tuple(1, "ada", new BigDecimal("11.00"), 5),
                        tuple(2, "bob", new BigDecimal("22.50"), 4));
        Row tombstone = all(f.table).where("id = 3").first();
        assertThat(tombstone.<Boolean>getAs("_deleted")).isTrue();
        assertThat(tombstone.<Long>getAs("_lsn")).isEqualTo(202L);
        assertThat((Object) tombstone.getAs("customer")).isNull();
        assertThat(all(f.table).count()).isEqualTo(3);

        Row bronzeCounts = spark.read().format("delta").load(paths.bronze(f.table))
                .selectExpr("count(*)", "count_if(op = 'd')", "count(distinct _change_date)").first();
        assertThat(bronzeCounts.getLong(0)).isEqualTo(6);
        assertThat(bronzeCounts.getLong(1)).isEqualTo(1);
        assertThat(spark.read().format("delta").load(paths.bronze(f.table)).where("_offset = 0")
                .select("ts_us", "ts_ns").first().getLong(0)).as("extra envelope fields kept")
                .isEqualTo((1_767_225_600_000L + 100 + 5) * 1000);
        assertThat(spark.read().format("delta").load(paths.bronze(f.table)).where("_offset = 1002").first()
                .<scala.collection.Seq<String>>getAs("_unavailable_columns").mkString(",")).isEqualTo("customer");
    }

    @Test
    void replayedBatchChangesNothingAndOldInsertDoesNotResurrect() {
        OrdersFixture f = new OrdersFixture("tributary.shop.orders_b", "orders_b");
        List<Schema> v1 = List.of(f.envelopeV1);
        Object[] first = {f.key(1), f.insert(1, 100, "ada", "10.00", 1), f.key(2), f.insert(2, 101, "bob", "1.00", 1)};
        batch(f, 0, v1, first);
        batch(f, 1, v1, f.key(2), f.delete(2, 150));
        List<Row> before = all(f.table).orderBy("id").collectAsList();
        long bronzeBefore = spark.read().format("delta").load(paths.bronze(f.table)).count();

        batch(f, 0, v1, first); // replay of batch 0 (as after a crash before the checkpoint commit)

        assertThat(all(f.table).orderBy("id").collectAsList()).isEqualTo(before);
        assertThat(live(f.table)).extracting(r -> r.getAs("id")).containsExactly(1);
        assertThat(spark.read().format("delta").load(paths.bronze(f.table)).count()).isEqualTo(bronzeBefore);
    }

    /** A batch as the job writes it: bronze, silver, then each compacted when it is due. */
    private static void batchCompacted(SmallFileCompaction compaction, OrdersFixture f, long batchId,
                                       List<Schema> envelopes, Object... keyAndValue) {
        batch(f, batchId, envelopes, keyAndValue);
        compaction.afterWrite("bronze." + f.table, paths.bronze(f.table));
        compaction.afterWrite("silver." + f.table, paths.silver(f.table));
    }

    @Test
    void streamingWritesKeepFewLiveFiles() {
        OrdersFixture f = new OrdersFixture("tributary.shop.orders_c", "orders_c");
        List<Schema> v1 = List.of(f.envelopeV1);
        SmallFileCompaction compaction = new SmallFileCompaction(spark, new CommitRetry(3, Duration.ofMillis(50)), 3);
        for (int batch = 0; batch < 8; batch++) {
            int id = batch % 3;
            long lsn = 100L * (batch + 1);
            batchCompacted(compaction, f, batch, v1, f.key(id), batch < 3
                            ? f.insert(id, lsn, "c" + batch, batch + ".00", batch)
                            : f.update(id, lsn, "c" + batch, batch + ".00", batch),
                    f.key(10 + batch), f.insert(10 + batch, lsn + 1, "n" + batch, "1.00", 1));
        }

        assertThat(liveFiles(paths.silver(f.table))).as("silver files after 8 merges").isLessThanOrEqualTo(3);
        assertThat(liveFiles(paths.bronze(f.table))).as("bronze files after 8 appends").isLessThanOrEqualTo(3);
        // each append writes two files (one per partition of local[2]): every second one makes three new files
        assertThat(operations(paths.bronze(f.table))).as("bronze compacted after every second append")
                .containsExactly("WRITE", "WRITE", "OPTIMIZE", "WRITE", "WRITE", "OPTIMIZE", "WRITE", "WRITE",
                        "OPTIMIZE", "WRITE", "WRITE", "OPTIMIZE");
        // the job's live-files gauge reads the same figures from the versions it just committed
        LiveFiles gauge = new LiveFiles(spark, paths);
        assertThat(gauge.silver(f.table)).hasValue(liveFiles(paths.silver(f.table)));
        assertThat(gauge.bronze(f.table)).hasValue(liveFiles(paths.bronze(f.table)));
        assertThat(live(f.table)).extracting(r -> r.getAs("id"), r -> r.getAs("customer"))
                .contains(tuple(0, "c6"), tuple(1, "c7"), tuple(2, "c5"), tuple(10, "n0"), tuple(17, "n7"))
                .hasSize(11);
        assertThat(spark.read().format("delta").load(paths.bronze(f.table)).count()).isEqualTo(16);
        assertThat(spark.conf().get(SmallFileCompaction.OPTIMIZE_MIN_FILE_SIZE))
                .as("the job's other OPTIMIZE (maintenance) keeps Delta's small-file size, 1 GB")
                .isEqualTo(Long.toString(1L << 30));
    }

    @Test
    void afterARestartATableIsCompactedOnceAndThenOnlyWhenItGatheredNewFilesAgain() {
        OrdersFixture f = new OrdersFixture("tributary.shop.orders_h", "orders_h");
        List<Schema> v1 = List.of(f.envelopeV1);
        for (int batch = 0; batch < 5; batch++) { // written by a job that never compacted (or by the killed one)
            bronzeOnly(f, batch, v1, f.key(batch), f.insert(batch, 100L * (batch + 1), "c" + batch, "1.00", 1));
        }
        assertThat(liveFiles(paths.bronze(f.table))).isEqualTo(5);
        // the restarted job: a new compaction that has seen no write of this table yet
        SmallFileCompaction restarted = new SmallFileCompaction(spark, new CommitRetry(3, Duration.ofMillis(50)), 3);
        for (int batch = 5; batch < 12; batch++) {
            bronzeOnly(f, batch, v1, f.key(batch), f.insert(batch, 100L * (batch + 1), "c" + batch, "1.00", 1));
            restarted.afterWrite("bronze." + f.table, paths.bronze(f.table));
        }
        // 6 files -> 1; then 2, 3 (not due), 4 (3 new: due) -> 1; then 2, 3, 4 -> 1... not after every write
        assertThat(operations(paths.bronze(f.table)).stream().filter("OPTIMIZE"::equals).count()).isEqualTo(3);
        assertThat(operations(paths.bronze(f.table)).subList(5, 15)).containsExactly("WRITE", "OPTIMIZE", "WRITE",
                "WRITE", "WRITE", "OPTIMIZE", "WRITE", "WRITE", "WRITE", "OPTIMIZE");
        assertThat(spark.read().format("delta").load(paths.bronze(f.table)).count()).isEqualTo(12);
    }

    @Test
    void countingFilesAfterAWriteStartsNoSparkJob() throws Exception {
        OrdersFixture f = new OrdersFixture("tributary.shop.orders_i", "orders_i");
        List<Schema> v1 = List.of(f.envelopeV1);
        SmallFileCompaction compaction = new SmallFileCompaction(spark, new CommitRetry(3, Duration.ofMillis(50)), 16);
        batch(f, 0, v1, f.key(1), f.insert(1, 100, "ada", "10.00", 1));
        batch(f, 1, v1, f.key(1), f.update(1, 200, "ada", "11.00", 2));
        java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart jobStart) {
                jobs.incrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            batch(f, 2, v1, f.key(1), f.update(1, 300, "ada", "12.00", 3));
            spark.sparkContext().listenerBus().waitUntilEmpty();
            jobs.set(0); // the jobs of the write: count those of what follows it only
            assertThat(compaction.afterWrite("silver." + f.table, paths.silver(f.table))).isEmpty();
            assertThat(compaction.afterWrite("bronze." + f.table, paths.bronze(f.table))).isEmpty();
            LiveFiles gauge = new LiveFiles(spark, paths);
            java.util.OptionalLong silverFiles = gauge.silver(f.table);
            java.util.OptionalLong bronzeFiles = gauge.bronze(f.table);
            spark.sparkContext().listenerBus().waitUntilEmpty();
            assertThat(jobs.get()).as("Spark jobs of counting the live files of two tables twice").isZero();
            assertThat(silverFiles).hasValue(liveFiles(paths.silver(f.table)));
            assertThat(bronzeFiles).hasValue(3);
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
    }

    @Test
    void aFileCompactedOnceIsNotCompactedAgainOnceItIsNotSmall() throws Exception {
        OrdersFixture f = new OrdersFixture("tributary.shop.orders_f", "orders_f");
        List<Schema> v1 = List.of(f.envelopeV1);
        SmallFileCompaction compaction = new SmallFileCompaction(spark, new CommitRetry(3, Duration.ofMillis(50)), 3);
        for (int batch = 0; batch < 3; batch++) {
            bronzeOnly(f, batch, v1, f.key(batch), f.insert(batch, 100L * (batch + 1), "c" + batch, "1.00", 1));
            compaction.afterWrite("bronze." + f.table, paths.bronze(f.table));
        }
        List<String> compacted = liveFilePaths(paths.bronze(f.table));
        assertThat(compacted).as("bronze after three appends and a compaction").hasSize(1);
        // the compacted file is not small for a compaction whose small files are smaller than it
        long size = new org.apache.hadoop.fs.Path(compacted.get(0))
                .getFileSystem(spark.sparkContext().hadoopConfiguration())
                .getFileStatus(new org.apache.hadoop.fs.Path(compacted.get(0))).getLen();
        SmallFileCompaction smaller = new SmallFileCompaction(spark, new CommitRetry(3, Duration.ofMillis(50)), 3,
                size);
        for (int batch = 3; batch < 5; batch++) { // three files, none compacted by it yet: due after the second
            bronzeOnly(f, batch, v1, f.key(batch), f.insert(batch, 100L * (batch + 1), "c" + batch, "1.00", 1));
            smaller.afterWrite("bronze." + f.table, paths.bronze(f.table));
        }
        List<String> after = liveFilePaths(paths.bronze(f.table));
        assertThat(after).as("bronze after two more appends and a compaction of the new files only")
                .hasSize(2).contains(compacted.get(0));
        assertThat(operations(paths.bronze(f.table))).endsWith("WRITE", "WRITE", "OPTIMIZE");
        assertThat(spark.read().format("delta").load(paths.bronze(f.table)).count()).isEqualTo(5);
    }

    /** The operations of a table's commits, oldest first. */
    private static List<String> operations(String path) {
        return io.delta.tables.DeltaTable.forPath(spark, path).history().orderBy("version").select("operation")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    }

    private static List<String> liveFilePaths(String path) {
        return java.util.Arrays.asList(spark.read().format("delta").load(path).inputFiles());
    }

    @Test
    void silverMergesRewriteFilesWithoutDeletionVectorsUnlessTheyAreTurnedOnWhichAnExistingTableThenFollows() {
        OrdersFixture f = new OrdersFixture("tributary.shop.orders_g", "orders_g");
        List<Schema> v1 = List.of(f.envelopeV1);
        batch(f, 0, v1, f.key(1), f.insert(1, 100, "ada", "10.00", 1), f.key(2), f.insert(2, 101, "bob", "1.00", 1));
        assertThat(liveFiles(paths.silver(f.table))).as("the first append writes one file: nothing to compact").isOne();
        batch(f, 1, v1, f.key(1), f.update(1, 200, "ada", "11.00", 2));
        assertThat(tableProperty(f.table, SilverWriter.DELETION_VECTORS_PROPERTY)).isEqualTo("false");
        assertThat(addsWithDeletionVectors(f.table)).as("the MERGE rewrote the file it touched").isZero();

        // a table of the default writer, then a writer with deletion vectors on: the table follows, and a MERGE that
        // replaces one row of a three-row file marks it instead of rewriting the file
        OrdersFixture h = new OrdersFixture("tributary.shop.orders_h", "orders_h");
        batch(h, 0, v1, h.key(1), h.insert(1, 100, "ada", "1.00", 1), h.key(2), h.insert(2, 101, "bob", "2.00", 1),
                h.key(3), h.insert(3, 102, "cyd", "3.00", 1));
        SilverWriter withVectors = new SilverWriter(spark, paths, new CommitRetry(3, Duration.ofMillis(50)), true);
        Dataset<Row> decoded = decode(h, 1, v1, h.key(2), h.update(2, 300, "bob", "2.50", 2));
        withVectors.write(layout(h, v1), decoded, TableBatchStats.of(decoded));

        assertThat(tableProperty(h.table, SilverWriter.DELETION_VECTORS_PROPERTY)).isEqualTo("true");
        assertThat(addsWithDeletionVectors(h.table)).as("the MERGE marked the replaced row").isPositive();
        assertThat(live(h.table)).extracting(r -> r.getAs("id"), r -> r.getAs("total")).containsExactly(
                tuple(1, new BigDecimal("1.00")), tuple(2, new BigDecimal("2.50")), tuple(3, new BigDecimal("3.00")));
        assertThat(live(f.table)).extracting(r -> r.getAs("id"), r -> r.getAs("total"))
                .containsExactly(tuple(1, new BigDecimal("11.00")), tuple(2, new BigDecimal("1.00")));
    }

    private static String tableProperty(String table, String key) {
        scala.collection.Map<String, String> properties = spark.sql("DESCRIBE DETAIL delta.`" + paths.silver(table) + "`")
                .first().getAs("properties");
        return properties.get(key).getOrElse(() -> "false");
    }

    private static long addsWithDeletionVectors(String table) {
        // one action per line of a commit file; an add with a deletion vector carries "deletionVector":{...}
        return spark.read().text(paths.silver(table) + "/_delta_log/*.json")
                .where("value LIKE '{\"add\":%' AND value LIKE '%\"deletionVector\":{%'").count();
    }

    private static long liveFiles(String path) {
        return spark.sql("DESCRIBE DETAIL delta.`" + path + "`").first().<Long>getAs("numFiles");
    }

    @Test
    void columnsChangedToTextAreRewrittenAsTextInSilverAndBronze() {
        OrdersFixture f = new OrdersFixture("tributary.shop.orders_d", "orders_d");
        // ALTER TABLE orders_d ALTER COLUMN qty TYPE text, ALTER COLUMN placed_on TYPE text
        Schema rowText = org.apache.avro.SchemaBuilder.record("Value").namespace(f.topic).fields()
                .requiredInt("id")
                .name("customer").type(DebeziumFixtures.optional(Schema.create(Schema.Type.STRING))).withDefault(null)
                .name("total").type(DebeziumFixtures.optional(DebeziumFixtures.decimal(10, 2))).withDefault(null)
                .name("placed_on").type(DebeziumFixtures.optional(Schema.create(Schema.Type.STRING))).withDefault(null)
                .name("qty").type(DebeziumFixtures.optional(Schema.create(Schema.Type.STRING))).withDefault(null)
                .endRecord();
        Schema envelopeText = DebeziumFixtures.envelope(f.topic, rowText);
        java.util.function.BiFunction<Integer, String, GenericRecord> textRow = (id, qty) -> DebeziumFixtures.row(
                rowText, Map.of("id", id, "customer", "t" + id, "total", DebeziumFixtures.decimalBytes(
                        new BigDecimal("1.00")), "placed_on", "2026-02-0" + id, "qty", qty));
        batch(f, 0, List.of(f.envelopeV1),
                f.key(1), f.insert(1, 100, "ada", "10.00", 5),
                f.key(2), f.insert(2, 101, "bob", "20.00", 7));

        batch(f, 1, List.of(f.envelopeV1, envelopeText),
                f.key(2), f.update(2, 150, "bob", "20.00", 8),
                f.key(3), DebeziumFixtures.change(envelopeText, "c", null, textRow.apply(3, "many"), f.table, 160,
                        1_767_225_600_160L),
                f.key(1), DebeziumFixtures.change(envelopeText, "u", null, textRow.apply(1, "12"), f.table, 170,
                        1_767_225_600_170L));

        Dataset<Row> silverRows = all(f.table);
        assertThat(silverRows.schema().apply("qty").dataType()).isEqualTo(org.apache.spark.sql.types.DataTypes.StringType);
        assertThat(live(f.table)).extracting(r -> r.getAs("id"), r -> r.getAs("qty"), r -> r.getAs("placed_on"))
                .containsExactly(tuple(1, "12", "2026-02-01"), tuple(2, "8", "2026-01-03"), tuple(3, "many", "2026-02-03"));
        scala.collection.Map<String, String> properties = spark.sql("DESCRIBE DETAIL delta.`" + paths.silver(f.table) + "`")
                .first().getAs("properties");
        assertThat(properties.get(SilverColumns.KEY_PROPERTY).get()).isEqualTo("id");

        Dataset<Row> bronzeRows = spark.read().format("delta").load(paths.bronze(f.table));
        assertThat(bronzeRows.orderBy("_offset").select("after.qty").collectAsList()).extracting(r -> r.get(0))
                .containsExactly("5", "7", "8", "many", "12");
        assertThat(bronzeRows.where("_offset = 0").select("after.placed_on").first().get(0)).isEqualTo("2026-01-02");
    }

    @Test
    void aColumnNarrowedInPostgresKeepsItsWiderTypeInTheLake() {
        // qty was bigint (V2), then ALTER TABLE ... ALTER COLUMN qty TYPE int: later batches carry only int
        OrdersFixture f = new OrdersFixture("tributary.shop.orders_e", "orders_e");
        batch(f, 0, List.of(f.envelopeV2),
                f.key(1), f.insertV2(1, 100, "ada", "10.00", 5_000_000_000L, "web"));
        batch(f, 1, List.of(f.envelopeV1),
                f.key(2), f.insert(2, 200, "bob", "20.00", 7),
                f.key(1), f.update(1, 201, "ada", "11.00", 6));

        assertThat(all(f.table).schema().apply("qty").dataType()).isEqualTo(org.apache.spark.sql.types.DataTypes.LongType);
        assertThat(live(f.table)).extracting(r -> r.getAs("id"), r -> r.getAs("qty"))
                .containsExactly(tuple(1, 6L), tuple(2, 7L));
        Dataset<Row> bronzeRows = spark.read().format("delta").load(paths.bronze(f.table));
        assertThat(bronzeRows.schema().apply("after").dataType().sql()).contains("qty: BIGINT");
        assertThat(bronzeRows.orderBy("_offset").select("after.qty").collectAsList()).extracting(r -> r.get(0))
                .containsExactly(5_000_000_000L, 7L, 6L);
    }
}
