package io.tributary.lakehouse.lake;

import static io.tributary.lakehouse.fixture.DebeziumFixtures.TOAST;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lakehouse.cdc.Change;
import io.tributary.lakehouse.cdc.MergePlanner;
import io.tributary.lakehouse.cdc.Op;
import io.tributary.lakehouse.cdc.SilverRow;
import io.tributary.lakehouse.decode.EnvelopeConverter;
import io.tributary.lakehouse.decode.KafkaCoordinates;
import io.tributary.lakehouse.decode.TableLayout;
import io.tributary.lakehouse.decode.TableLayouts;
import io.tributary.lakehouse.fixture.OrdersFixture;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The silver MERGE against its reference model ({@link MergePlanner}, plain Java): random change streams of one
 * table (inserts, updates, unchanged-TOAST updates, deletes, re-inserts, pairs of changes sharing an LSN split across
 * batches, a truncate, a replayed batch) go through {@link SilverWriter} batch by batch and through the model; the
 * silver table must equal the model's rows, tombstones included. Then the commit order of an incremental snapshot's
 * reads against a transaction that commits after them (issue 20), and a silver table from before that order was kept.
 */
class SilverMergeModelSparkTest {

    @TempDir
    static Path dir;

    static SparkSession spark;
    static LakePaths paths;
    static SilverWriter silver;

    @BeforeAll
    static void startSpark() {
        LocalLake lake = LocalLake.start(dir, "silver-merge-model-test");
        spark = lake.spark();
        paths = lake.paths();
        silver = new SilverWriter(spark, paths, new CommitRetry(3, Duration.ofMillis(50)));
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** One generated change: what the fixture renders as Avro and the model as a {@link Change}. */
    record Step(Op op, int id, long lsn, long offset, String customer, String total, int qty) {
        boolean toast() {
            return TOAST.equals(customer);
        }
    }

    @Test
    void randomChangeStreamsGiveTheModelsTable() {
        for (long seed : new long[] {7}) { // one seed: each batch costs Spark seconds; others were run while writing it
            OrdersFixture f = new OrdersFixture("tributary.shop.model_" + seed, "model_" + seed);
            List<List<Step>> batches = generate(new Random(seed));
            Map<Integer, SilverRow> model = new TreeMap<>();
            MergePlanner planner = new MergePlanner(List.of("id"), List.of("id", "customer", "total", "placed_on",
                    "placed_at", "paid", "qty"));
            for (int b = 0; b < batches.size(); b++) {
                write(f, batches.get(b));
                apply(planner, model, batches.get(b));
            }
            write(f, batches.get(1)); // a replayed batch (checkpoint lost after the commit): changes nothing
            apply(planner, model, batches.get(1));

            assertThat(silverRows(f)).as("seed %d", seed).isEqualTo(modelRows(model));
        }
    }

    private static List<List<Step>> generate(Random random) {
        List<List<Step>> batches = new ArrayList<>();
        Map<Integer, Boolean> live = new HashMap<>();
        long lsn = 100;
        for (int b = 0; b < 5; b++) {
            List<Step> steps = new ArrayList<>();
            long offset = b * 1000L;
            for (int i = 0; i < 20; i++) {
                int id = 1 + random.nextInt(6);
                lsn += random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(3); // a quarter share the previous LSN
                boolean exists = live.getOrDefault(id, false);
                int dice = random.nextInt(10);
                Step step;
                if (!exists) {
                    step = new Step(random.nextBoolean() ? Op.CREATE : Op.READ, id, lsn, offset++, "c" + lsn,
                            lsn + ".50", (int) lsn);
                    live.put(id, true);
                } else if (dice < 2) {
                    step = new Step(Op.DELETE, id, lsn, offset++, null, null, 0);
                    live.put(id, false);
                } else if (dice < 5) {
                    step = new Step(Op.UPDATE, id, lsn, offset++, TOAST, lsn + ".25", (int) lsn);
                } else {
                    step = new Step(Op.UPDATE, id, lsn, offset++, "u" + lsn, lsn + ".75", (int) lsn);
                }
                steps.add(step);
            }
            if (b == 3) {
                lsn++;
                steps.add(7, new Step(Op.TRUNCATE, 0, lsn, offset++, null, null, 0));
                lsn++;
                live.replaceAll((k, v) -> false);
                for (int i = 8; i < steps.size(); i++) { // the truncate's later changes follow it in the source
                    Step s = steps.get(i);
                    Op op = live.getOrDefault(s.id(), false) ? s.op() : Op.CREATE;
                    steps.set(i, new Step(op, s.id(), ++lsn, offset++, s.toast() && op == Op.CREATE ? "t" + lsn
                            : s.customer(), s.total() == null ? null : lsn + ".10", (int) lsn));
                    live.put(s.id(), op != Op.DELETE);
                }
            }
            batches.add(steps);
        }
        // a pair sharing an LSN, split across batches 0 and 1: the later one must win
        Step last = batches.get(0).get(batches.get(0).size() - 1);
        if (last.op() != Op.DELETE) {
            batches.get(1).add(0, new Step(Op.UPDATE, last.id(), last.lsn(), 999, "same-lsn-later", "1.00", 1));
        }
        return batches;
    }

    private static void write(OrdersFixture f, List<Step> steps) {
        TableLayout layout = TableLayouts.derive(f.table, Map.of(1, f.envelopeV1), Map.of(100, f.key)).orElseThrow();
        EnvelopeConverter converter = new EnvelopeConverter(layout, TOAST);
        List<Row> rows = new ArrayList<>();
        for (Step s : steps) {
            GenericRecord value = switch (s.op()) {
                case CREATE -> f.insert(s.id(), s.lsn(), s.customer(), s.total(), s.qty());
                case READ -> snapshotRead(f, s);
                case UPDATE -> f.update(s.id(), s.lsn(), s.customer(), s.total(), s.qty());
                case DELETE -> f.delete(s.id(), s.lsn());
                case TRUNCATE -> f.truncate(s.lsn());
            };
            rows.add(converter.convert(value, s.op() == Op.TRUNCATE ? null : f.key(s.id()),
                    new KafkaCoordinates(f.topic, 0, s.offset(), Instant.now())));
        }
        Dataset<Row> decoded = spark.createDataFrame(rows, layout.decodedSchema());
        silver.write(layout, decoded, TableBatchStats.of(decoded));
    }

    private static GenericRecord snapshotRead(OrdersFixture f, Step s) {
        GenericRecord insert = f.insert(s.id(), s.lsn(), s.customer(), s.total(), s.qty());
        insert.put("op", "r");
        return insert;
    }

    private static void apply(MergePlanner planner, Map<Integer, SilverRow> model, List<Step> steps) {
        OptionalLong truncate = steps.stream().filter(s -> s.op() == Op.TRUNCATE).mapToLong(Step::lsn).max();
        long truncateTs = truncate.isPresent() ? 1_767_225_600_000L + truncate.getAsLong() : 0L;
        Map<Integer, List<Change>> byKey = new LinkedHashMap<>();
        for (Step s : steps) {
            if (s.op() != Op.TRUNCATE) {
                byKey.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(change(s));
            }
        }
        java.util.Set<Integer> keys = new java.util.TreeSet<>(byKey.keySet());
        if (truncate.isPresent()) {
            keys.addAll(model.keySet());
        }
        for (int id : keys) {
            planner.planKey(Optional.ofNullable(model.get(id)), byKey.getOrDefault(id, List.of()), truncate, truncateTs)
                    .ifPresent(row -> model.put(id, row));
        }
    }

    private static Change change(Step s) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (s.op() != Op.DELETE) {
            values.put("id", s.id());
            values.put("customer", s.toast() ? null : s.customer());
            values.put("total", new BigDecimal(s.total()));
            values.put("qty", s.qty());
        }
        return new Change(List.of(s.id()), s.op(), s.lsn(), s.offset(), values,
                s.toast() ? Set.of("customer") : Set.of(), 1_767_225_600_000L + s.lsn());
    }

    private static List<String> silverRows(OrdersFixture f) {
        return spark.read().format("delta").load(paths.silver(f.table)).orderBy("id").collectAsList().stream()
                .map(r -> line(r.getAs("id"), r.getAs("customer"), r.getAs("total"), r.getAs("qty"),
                        r.<Long>getAs("_lsn"), r.<Long>getAs("_position"), r.<Boolean>getAs("_deleted")))
                .toList();
    }

    private static List<String> modelRows(Map<Integer, SilverRow> model) {
        return model.values().stream()
                .map(r -> line(r.values().get("id"), r.values().get("customer"), r.values().get("total"),
                        r.values().get("qty"), r.lsn(), r.position(), r.deleted()))
                .toList();
    }

    private static String line(Object id, Object customer, Object total, Object qty, long lsn, long position,
                               boolean deleted) {
        return id + "|" + customer + "|" + total + "|" + qty + "|" + lsn + "|" + position + "|" + deleted;
    }

    // Issue 20, item 3: the reads of an incremental snapshot (./tributary backfill) carry the LSN of their chunk's
    // closing watermark, and a transaction that changed a row before the chunk was read but committed after it is
    // streamed after the reads with a lower LSN. Silver orders by commit (source.sequence[0], the last commit before the
    // change) so that such a change is applied while a replayed older change still is not, across batches and within one.

    /** A change as Debezium sends it: {@code source.sequence} = [lastCommitLsn, lsn]. */
    record Sent(GenericRecord value, int id, long offset) {
    }

    static Sent sent(OrdersFixture f, String op, int id, Long lastCommit, long lsn, long offset, String customer) {
        GenericRecord value = f.insert(id, lsn, customer, "1.00", (int) lsn);
        value.put("op", op);
        ((GenericRecord) value.get("source")).put("sequence",
                "[" + (lastCommit == null ? "null" : "\"" + lastCommit + "\"") + ",\"" + lsn + "\"]");
        return new Sent(value, id, offset);
    }

    static void writeSent(OrdersFixture f, List<Sent> batch) {
        TableLayout layout = TableLayouts.derive(f.table, Map.of(1, f.envelopeV1), Map.of(100, f.key)).orElseThrow();
        EnvelopeConverter converter = new EnvelopeConverter(layout, TOAST);
        List<Row> rows = new ArrayList<>();
        for (Sent s : batch) {
            rows.add(converter.convert(s.value(), f.key(s.id()), new KafkaCoordinates(f.topic, 0, s.offset(), Instant.now())));
        }
        Dataset<Row> decoded = spark.createDataFrame(rows, layout.decodedSchema());
        silver.write(layout, decoded, TableBatchStats.of(decoded));
    }

    static List<String> silverRowsWithOrder(OrdersFixture f) {
        return spark.read().format("delta").load(paths.silver(f.table)).orderBy("id").collectAsList().stream()
                .map(r -> r.getAs("id") + "|" + r.getAs("customer") + "|" + r.getAs("_op") + "|" + r.getAs("_lsn")
                        + "|" + r.getAs("_last_commit_lsn"))
                .toList();
    }

    @Test
    void aLateCommitAfterTheChunkWinsOverTheSnapshotReadsAndAReplayDoesNot() {
        OrdersFixture f = new OrdersFixture("tributary.shop.backfilled", "backfilled");
        // streamed before the backfill: three rows
        writeSent(f, List.of(sent(f, "c", 1, 90L, 110, 0, "first"), sent(f, "c", 2, 90L, 111, 1, "first"),
                sent(f, "c", 3, 90L, 112, 2, "first")));
        // the chunk's reads, sent when its closing watermark (LSN 300, in the transaction after commit 250) streams;
        // row 1 was changed at LSN 150 by a transaction still open then
        writeSent(f, List.of(sent(f, "r", 1, 250L, 300, 3, "read"), sent(f, "r", 2, 250L, 300, 4, "read"),
                sent(f, "r", 3, 250L, 300, 5, "read")));
        // that transaction commits after the watermark's (commit 320): streamed now, its change LSN 150 below 300;
        // and a replay of row 2's insert (engine restart) arrives again
        writeSent(f, List.of(sent(f, "u", 1, 320L, 150, 6, "late commit"), sent(f, "c", 2, 90L, 111, 7, "first")));
        // within one batch: a read of row 3 of a second backfill, then a change of row 3 from a transaction that began
        // before that chunk (LSN 350 below the read's 400)
        writeSent(f, List.of(sent(f, "r", 3, 380L, 400, 8, "read again"), sent(f, "u", 3, 410L, 350, 9, "late too")));

        assertThat(silverRowsWithOrder(f)).containsExactly("1|late commit|u|150|320", "2|read|r|300|250", "3|late too|u|350|410");
    }

    @Test
    void changesWithoutALastCommitKeepTheLsnOrderAndATableFromBeforeTheColumnGetsIt() {
        OrdersFixture f = new OrdersFixture("tributary.shop.older", "older");
        String path = paths.silver(f.table);
        TableLayout layout = TableLayouts.derive(f.table, Map.of(1, f.envelopeV1), Map.of(100, f.key)).orElseThrow();
        org.apache.spark.sql.types.StructType before = new org.apache.spark.sql.types.StructType(java.util.Arrays.stream(
                SilverColumns.silverSchema(layout.rowType()).fields())
                .filter(c -> !c.name().equals(SilverColumns.LAST_COMMIT_LSN)).toArray(org.apache.spark.sql.types.StructField[]::new));
        spark.sql("CREATE TABLE " + LakePaths.deltaRef(path) + " (" + before.toDDL() + ") USING delta TBLPROPERTIES ('"
                + SilverColumns.KEY_PROPERTY + "' = 'id')");
        spark.sql("INSERT INTO " + LakePaths.deltaRef(path) + " VALUES (1, 'stored', 1.00, NULL, NULL, NULL, 1, 500, 1, "
                + "'u', false, NULL, NULL), (2, 'stored', 1.00, NULL, NULL, NULL, 1, 500, 2, 'u', false, NULL, NULL)");
        // a stored row without a last commit: by LSN, so the older change (LSN 400) is not applied, the newer one is
        writeSent(f, List.of(sent(f, "u", 1, 900L, 400, 3, "older"), sent(f, "u", 2, 900L, 600, 4, "newer")));
        assertThat(silverRowsWithOrder(f)).containsExactly("1|stored|u|500|null", "2|newer|u|600|900");
    }
}
