package io.tributary.cdc.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import io.tributary.configuration.DurationSyntax;
import io.tributary.cdc.offsets.OffsetFileFormat;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.Service;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash and outage behaviour of the engine (a child process) against real servers. Each test uses its own
 * slot, topic prefix and data dir, so the tests do not see each other's events.
 *
 * <p>System properties: {@code cdc.it.kills} (default 5), {@code cdc.it.registryOutage} (default 30s, as the issue
 * asks).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CdcResilienceIT {
    private static final Logger LOG = LoggerFactory.getLogger(CdcResilienceIT.class);
    static final Duration WAIT = Duration.ofSeconds(90);

    static CdcTestStack stack;

    @BeforeAll
    static void start() {
        stack = CdcTestStack.start("CdcResilienceIT");
    }

    /** Engines of the current test; stopped after it even when it fails, so that tests never overlap. */
    static final List<ManagedProcess> engines = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void stopEngines() {
        for (ManagedProcess engine : engines) {
            if (engine.isAlive()) {
                engine.stop(Duration.ofSeconds(20));
            }
        }
        engines.clear();
    }

    /** Launches an engine that captures only {@code shop.<table>}, so that each test sees only its own table. */
    static ManagedProcess launch(String name, String table, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("-Ddebezium.table.include.list=shop." + table));
        all.addAll(List.of(args));
        ManagedProcess engine = stack.launchEngine(name, env, all);
        engines.add(engine);
        return engine;
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    static Map<String, String> env(String name) {
        Map<String, String> env = stack.engineEnv(name);
        env.put("TRIBUTARY_CDC_SLOT", name + "_slot");
        env.put("TRIBUTARY_TOPIC_PREFIX", name);
        env.put("TRIBUTARY_CDC_SCHEMAS", "shop");
        return env;
    }

    /** The {@code r} record of a sentinel row proves the snapshot finished and streaming started. */
    static void awaitSnapshot(String topic, ManagedProcess engine) {
        List<DecodedChange> all = stack.reader.readUntil(topic, a -> a.stream().anyMatch(c -> "r".equals(c.op())), WAIT);
        assertThat(all).as("snapshot of %s; log:%n%s", topic, CdcTestStack.log(engine)).anyMatch(c -> "r".equals(c.op()));
    }

    @Test
    @Order(1)
    void killNineRepeatedlyWhileWritingLosesNoCommittedChangeAndKeepsPerKeyOrder() throws Exception {
        int kills = Integer.getInteger("cdc.it.kills", 5);
        String topic = "kill.shop.kill_items";
        stack.app("CREATE TABLE shop.kill_items (id int PRIMARY KEY, version bigint NOT NULL, payload text)",
                "ALTER TABLE shop.kill_items REPLICA IDENTITY FULL",
                "INSERT INTO shop.kill_items VALUES (-1, 0, 'sentinel')");
        Map<String, String> env = env("kill");
        ManagedProcess engine = launch("cdc-kill", "kill_items", env);
        awaitSnapshot(topic, engine);

        ChangeWriter writer = new ChangeWriter(stack.app(), "shop.kill_items", 40);
        Thread writerThread = new Thread(writer, "kill-test-writer");
        writerThread.start();
        Random random = new Random(7);
        long started = System.nanoTime();
        int seen = stack.reader.readAll(topic).size();
        for (int i = 1; i <= kills; i++) {
            int before = seen;
            // kill only once the engine demonstrably streams again, at a random moment after that
            List<DecodedChange> now = stack.reader.readUntil(topic, a -> a.size() > before, WAIT);
            assertThat(now.size()).as("engine streams again before kill %d; log:%n%s", i, CdcTestStack.log(engine)).isGreaterThan(before);
            Thread.sleep(random.nextInt(1500));
            engine.kill();
            seen = stack.reader.readAll(topic).size();
            LOG.info("kill -9 #{} of the engine (pid {}); {} records in {}", i, engine.pid(), seen, topic);
            engine = launch("cdc-kill", "kill_items", env);
        }
        Thread.sleep(1000);
        writer.stop();
        writerThread.join(10_000);
        List<ChangeWriter.Committed> committed = writer.committed();
        Set<String> expected = committed.stream().map(c -> c.id() + "/" + c.op() + "/" + c.version()).collect(Collectors.toSet());

        List<DecodedChange> all = stack.reader.readUntil(topic, a -> identities(a).containsAll(expected), WAIT);
        long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Set<String> found = identities(all);
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(found);
        assertThat(missing).as("committed changes missing from Kafka; engine log:%n%s", CdcTestStack.log(engine)).isEmpty();
        assertThat(all.stream().filter(c -> "r".equals(c.op()))).as("one snapshot only: restarts resume from the offsets")
                .hasSize(1);
        Set<String> invented = new HashSet<>(found);
        invented.removeAll(expected);
        invented.removeIf(s -> s.startsWith("-1/"));
        assertThat(invented).as("changes in Kafka that were never committed").isEmpty();

        // per key: records are in LSN order, except replays, which repeat an earlier record exactly
        Map<Object, Long> maxLsn = new HashMap<>();
        Map<Object, Set<String>> seenPerKey = new HashMap<>();
        int duplicates = 0;
        for (DecodedChange c : all) {
            if (c.isTombstone() || !"cud".contains(c.op())) {
                continue;
            }
            Object key = c.keyColumn("id");
            String identity = identity(c) + "@" + c.lsn();
            long previous = maxLsn.getOrDefault(key, Long.MIN_VALUE);
            if (c.lsn() > previous) {
                maxLsn.put(key, c.lsn());
                seenPerKey.computeIfAbsent(key, k -> new HashSet<>()).add(identity);
            } else {
                assertThat(seenPerKey.get(key)).as("record %s is out of LSN order and not a replay", c).contains(identity);
                duplicates++;
            }
        }
        // tombstones follow their delete
        for (int i = 0; i < all.size(); i++) {
            if ("d".equals(all.get(i).op())) {
                assertThat(all.get(i + 1).isTombstone()).as("tombstone after %s", all.get(i)).isTrue();
            }
        }
        LOG.info("kill test: {} kills, {} committed changes, {} records, {} replayed duplicates, {} ms", kills,
                committed.size(), all.size(), duplicates, elapsedMs);

        engine.stop(Duration.ofSeconds(20));
        assertThat(engine.exitCode()).as("graceful stop after SIGTERM").hasValue(0);
        // restart after the graceful stop: no new snapshot, nothing replayed
        int total = all.size();
        ManagedProcess again = launch("cdc-kill", "kill_items", env);
        stack.app("UPDATE shop.kill_items SET version = -2 WHERE id = -1");
        List<DecodedChange> afterRestart = stack.reader.readUntil(topic,
                a -> a.stream().anyMatch(c -> "u".equals(c.op()) && Long.valueOf(-2).equals(c.column("version"))), WAIT);
        assertThat(afterRestart.subList(total, afterRestart.size())).as("log:%n%s", CdcTestStack.log(again))
                .extracting(DecodedChange::op).containsExactly("u");
        again.stop(Duration.ofSeconds(20));
    }

    static Set<String> identities(List<DecodedChange> all) {
        return all.stream().filter(c -> !c.isTombstone() && "cud".contains(c.op())).map(CdcResilienceIT::identity)
                .collect(Collectors.toSet());
    }

    static String identity(DecodedChange c) {
        return c.keyColumn("id") + "/" + c.op() + "/" + c.column("version");
    }

    /**
     * One registry outage, two budgets: an engine whose REGISTRY_RETRY_TIMEOUT outlasts the outage waits and loses
     * nothing; one with a shorter budget stops with exit 1 and a message naming the registry and the setting, its
     * offsets stay below the change it could not serialize, and its restart (registry back) loses nothing.
     */
    @Test
    @Order(2)
    void registryOutageDelaysAnEngineWithinItsBudgetAndStopsOnePastItWithoutLoss() throws Exception {
        Duration outage = DurationSyntax.parse(System.getProperty("cdc.it.registryOutage", "30s"));
        stack.app("CREATE TABLE shop.outage_orders (id int PRIMARY KEY, amount numeric(10,2) NOT NULL)",
                "INSERT INTO shop.outage_orders VALUES (0, 0.00)",
                "CREATE TABLE shop.regstop_items (id int PRIMARY KEY, label text NOT NULL)",
                "INSERT INTO shop.regstop_items VALUES (0, 'sentinel')");
        Map<String, String> env = env("outage");
        env.put("TRIBUTARY_CDC_REGISTRY_RETRY_TIMEOUT", Duration.ofSeconds(60).plus(outage).toSeconds() + "s");
        ManagedProcess engine = launch("cdc-outage", "outage_.*", env);
        Map<String, String> shortEnv = env("regstop");
        shortEnv.put("TRIBUTARY_CDC_REGISTRY_RETRY_TIMEOUT", "3s");
        ManagedProcess shortBudget = launch("cdc-regstop", "regstop_.*", shortEnv);
        awaitSnapshot("outage.shop.outage_orders", engine);
        awaitSnapshot("regstop.shop.regstop_items", shortBudget);

        stack.stack.stop(Service.REGISTRY);
        long outageStart = System.nanoTime();
        // tables the registry has never seen: their schemas must be registered during the outage
        stack.app("CREATE TABLE shop.outage_refunds (id int PRIMARY KEY, reason text)",
                "CREATE TABLE shop.regstop_notes (id int PRIMARY KEY, note text)");
        for (int i = 1; i <= 20; i++) {
            stack.app("INSERT INTO shop.outage_refunds VALUES (" + i + ", 'r" + i + "')",
                    "INSERT INTO shop.outage_orders VALUES (" + i + ", " + i + ".25)");
        }
        for (int i = 1; i <= 5; i++) {
            // regstop_items has a cached schema (sent without the registry), regstop_notes needs the registry
            stack.app("INSERT INTO shop.regstop_items VALUES (" + i + ", 'during outage')",
                    "INSERT INTO shop.regstop_notes VALUES (" + i + ", 'n" + i + "')");
        }
        assertThat(shortBudget.waitFor(Duration.ofSeconds(60))).as("short budget engine gives up; log:%n%s",
                CdcTestStack.log(shortBudget)).isTrue();
        assertThat(shortBudget.exitCode()).hasValue(1);
        assertThat(lastErrorLine(shortBudget)).contains("schema registry at " + stack.stack.registryUrl())
                .contains("TRIBUTARY_CDC_REGISTRY_RETRY_TIMEOUT").contains("shop.regstop_notes");
        long committedLsn = committedLsn(Path.of(shortEnv.get("TRIBUTARY_CDC_DATA_DIR"), "offsets.dat"));

        Thread.sleep(Math.max(0, outage.toMillis() - Duration.ofNanos(System.nanoTime() - outageStart).toMillis()));
        assertThat(engine.isAlive()).as("engine survives the outage; log:%n%s", CdcTestStack.log(engine)).isTrue();
        stack.stack.start(Service.REGISTRY);

        List<DecodedChange> refunds = stack.reader.readUntil("outage.shop.outage_refunds", a -> a.size() >= 20, WAIT);
        List<DecodedChange> orders = stack.reader.readUntil("outage.shop.outage_orders", a -> a.size() >= 21, WAIT);
        assertThat(refunds).as("log:%n%s", CdcTestStack.log(engine)).extracting(c -> c.keyColumn("id"))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
        assertThat(orders).extracting(c -> c.keyColumn("id"))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(0, 20).boxed().toList());
        assertThat(CdcTestStack.log(engine)).contains("Registering/looking up the schema of subject outage.shop.outage_refunds-");
        assertThat(engine.isAlive()).isTrue();
        engine.stop(Duration.ofSeconds(20));

        ManagedProcess again = launch("cdc-regstop", "regstop_.*", shortEnv);
        List<DecodedChange> notes = stack.reader.readUntil("regstop.shop.regstop_notes",
                a -> ids(a).containsAll(range(1, 5)), WAIT);
        assertThat(ids(notes)).as("log:%n%s", CdcTestStack.log(again)).isEqualTo(range(1, 5));
        assertThat(notes).extracting(DecodedChange::op).containsOnly("c");
        assertThat(notes).as("offsets were committed only up to what Kafka acknowledged")
                .allMatch(c -> c.lsn() > committedLsn);
        List<DecodedChange> items = stack.reader.readUntil("regstop.shop.regstop_items",
                a -> ids(a).containsAll(range(0, 5)), WAIT);
        assertThat(ids(items)).isEqualTo(range(0, 5));
        assertThat(items.stream().filter(c -> "r".equals(c.op()))).as("no new snapshot").hasSize(1);
        again.stop(Duration.ofSeconds(20));
    }

    @Test
    @Order(3)
    void heartbeatsKeepRetainedWalBoundedWhileCapturedTablesAreIdle() throws Exception {
        stack.app("CREATE TABLE shop.idle_items (id int PRIMARY KEY)", "INSERT INTO shop.idle_items VALUES (1)");
        Map<String, String> env = env("idle");
        env.put("TRIBUTARY_CDC_WAL_WARN_BYTES", "4MB");
        int metricsPort = Integer.parseInt(env.get("TRIBUTARY_CDC_METRICS_PORT"));
        ManagedProcess engine = launch("cdc-idle", "idle_items", env);
        awaitSnapshot("idle.shop.idle_items", engine);

        long noiseBytes = 32L << 20;
        String endOfNoise;
        try (Connection c = stack.superuser(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS other");
            st.execute("CREATE TABLE other.noise (id bigint, pad text)");
            // ~32 MB of WAL in a table outside the publication: nothing for the engine to capture
            st.execute("INSERT INTO other.noise SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 100000) g");
            try (ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
                rs.next();
                endOfNoise = rs.getString(1);
            }
        }
        long retainedAfterNoise = retained("idle_slot");
        assertThat(retainedAfterNoise).as("the noise was written while the slot held it").isGreaterThan(noiseBytes / 2);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            try (Connection c = stack.superuser(); Statement st = c.createStatement()) {
                st.execute("CHECKPOINT");
            }
            assertThat(confirmedPast("idle_slot", endOfNoise)).as("slot confirmed past the noise").isTrue();
            assertThat(retained("idle_slot")).isLessThan(4L << 20);
        });
        String metrics = stack.metrics(metricsPort);
        assertThat(metrics).containsPattern("tributary_cdc_heartbeats_total [1-9]");
        assertThat(CdcTestStack.log(engine)).as("the warning fired while the noise was retained")
                .contains("Replication slot idle_slot retains");
        engine.stop(Duration.ofSeconds(20));
    }

    /**
     * One PostgreSQL crash, two budgets: the engine whose PG_RETRY_TIMEOUT (default 2m) outlasts the outage reconnects
     * by itself; one with a 4 s budget stops with exit 1 and one ERROR line naming host:port and the setting, and its
     * restart after PostgreSQL is back resumes from its offsets: no new snapshot, every committed change present.
     */
    @Test
    @Order(5)
    void postgresCrashIsRetriedWithinTheBudgetAndStopsTheEnginePastItWithoutLoss() throws Exception {
        stack.app("CREATE TABLE shop.pgr_items (id int PRIMARY KEY, label text NOT NULL)",
                "INSERT INTO shop.pgr_items VALUES (0, 'sentinel')",
                "CREATE TABLE shop.pgdown_items (id int PRIMARY KEY, label text NOT NULL)",
                "INSERT INTO shop.pgdown_items VALUES (0, 'sentinel')");
        Map<String, String> env = env("pgr");
        env.put("TRIBUTARY_CDC_TOPIC_PARTITIONS", "3");
        ManagedProcess engine = launch("cdc-pgr", "pgr_items", env, "-Ddebezium.errors.retry.delay.max.ms=3000");
        Map<String, String> shortEnv = env("pgdown");
        shortEnv.put("TRIBUTARY_CDC_PG_RETRY_TIMEOUT", "4s");
        ManagedProcess shortBudget = launch("cdc-pgdown", "pgdown_items", shortEnv);
        awaitSnapshot("pgr.shop.pgr_items", engine);
        awaitSnapshot("pgdown.shop.pgdown_items", shortBudget);
        for (int i = 1; i <= 5; i++) {
            stack.app("INSERT INTO shop.pgr_items VALUES (" + i + ", 'before crash')",
                    "INSERT INTO shop.pgdown_items VALUES (" + i + ", 'before crash')");
        }
        stack.reader.readUntil("pgr.shop.pgr_items", a -> a.size() >= 6, WAIT);

        stack.stack.kill(Service.POSTGRES);
        assertThat(shortBudget.waitFor(Duration.ofSeconds(60))).as("short budget engine gives up; log:%n%s",
                CdcTestStack.log(shortBudget)).isTrue();
        assertThat(shortBudget.exitCode()).hasValue(1);
        assertThat(lastErrorLine(shortBudget)).contains("PostgreSQL at " + stack.stack.postgres().host() + ":"
                + stack.stack.postgres().port()).contains("TRIBUTARY_CDC_PG_RETRY_TIMEOUT");
        stack.stack.start(Service.POSTGRES);
        for (int i = 6; i <= 10; i++) {
            stack.app("INSERT INTO shop.pgr_items VALUES (" + i + ", 'after restart')",
                    "INSERT INTO shop.pgdown_items VALUES (" + i + ", 'while the engine was down')");
        }
        List<DecodedChange> all = stack.reader.readUntil("pgr.shop.pgr_items",
                a -> a.stream().map(c -> c.keyColumn("id")).collect(Collectors.toSet()).size() == 11, WAIT);
        assertThat(all.stream().map(c -> c.keyColumn("id")).collect(Collectors.toSet()))
                .as("log:%n%s", CdcTestStack.log(engine))
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(0, 10).boxed().toList());
        assertThat(engine.isAlive()).as("the engine reconnected by itself").isTrue();

        // a truncate has no key: it goes to every partition, behind that partition's keyed changes
        stack.app("TRUNCATE shop.pgr_items");
        List<DecodedChange> withTruncate = stack.reader.readUntil("pgr.shop.pgr_items",
                a -> a.stream().filter(c -> "t".equals(c.op())).count() == 3, WAIT);
        assertThat(withTruncate.stream().filter(c -> "t".equals(c.op())).map(DecodedChange::partition))
                .containsExactlyInAnyOrder(0, 1, 2);
        for (DecodedChange t : withTruncate.stream().filter(c -> "t".equals(c.op())).toList()) {
            assertThat(withTruncate.stream().filter(c -> c.partition() == t.partition() && !"t".equals(c.op()) && !c.isTombstone()))
                    .allMatch(c -> c.offset() < t.offset() && c.lsn() < t.lsn());
        }
        engine.stop(Duration.ofSeconds(20));
        assertThat(engine.exitCode()).hasValue(0);

        ManagedProcess again = launch("cdc-pgdown", "pgdown_items", shortEnv);
        List<DecodedChange> down = stack.reader.readUntil("pgdown.shop.pgdown_items", a -> ids(a).containsAll(range(0, 10)), WAIT);
        assertThat(ids(down)).as("every committed change; log:%n%s", CdcTestStack.log(again)).isEqualTo(range(0, 10));
        assertThat(down.stream().filter(c -> "r".equals(c.op()))).as("no new snapshot after the restart").hasSize(1);
        again.stop(Duration.ofSeconds(20));
    }

    /**
     * Issue 9, data dir nearly full: the offsets file lives on a 64 kB tmpfs that a filler file fills up. The engine
     * stops with exit 1 and a message naming the file and "no space left", the previous offsets file stays intact,
     * and once space is back a restart resumes from it: no new snapshot, no change lost.
     */
    @Test
    @Order(6)
    void aFullDataDirStopsTheEngineCleanlyAndARestartWithSpaceLosesNothing() throws Exception {
        Path dataDir = stack.dir.resolve("disk-tmpfs");
        Files.createDirectories(dataDir);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dataDir.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && mount.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs (needs root): " + new String(mount.getInputStream().readAllBytes()));
        try {
            stack.app("CREATE TABLE shop.disk_items (id int PRIMARY KEY, label text NOT NULL)",
                    "INSERT INTO shop.disk_items VALUES (0, 'sentinel')");
            Map<String, String> env = env("disk");
            env.put("TRIBUTARY_CDC_DATA_DIR", dataDir.toString());
            ManagedProcess engine = launch("cdc-disk", "disk_items", env);
            awaitSnapshot("disk.shop.disk_items", engine);
            Path offsets = dataDir.resolve("offsets.dat");
            Awaitility.await().atMost(WAIT).until(() -> Files.exists(offsets));

            fill(dataDir.resolve("filler"));
            for (int i = 1; i <= 5; i++) {
                stack.app("INSERT INTO shop.disk_items VALUES (" + i + ", 'disk full')");
            }
            assertThat(engine.waitFor(Duration.ofSeconds(60))).as("engine stops; log:%n%s", CdcTestStack.log(engine)).isTrue();
            assertThat(engine.exitCode()).hasValue(1);
            assertThat(lastErrorLine(engine)).contains("Cannot write the offsets file " + offsets)
                    .contains("no space left");
            assertThat(committedLsn(offsets)).as("the previous offsets file is intact").isPositive();
            assertThat(dataDir.resolve("offsets.dat.tmp")).doesNotExist();

            Files.delete(dataDir.resolve("filler"));
            stack.app("INSERT INTO shop.disk_items VALUES (6, 'space back')");
            ManagedProcess again = launch("cdc-disk", "disk_items", env);
            List<DecodedChange> all = stack.reader.readUntil("disk.shop.disk_items", a -> ids(a).containsAll(range(0, 6)), WAIT);
            assertThat(ids(all)).as("log:%n%s", CdcTestStack.log(again)).isEqualTo(range(0, 6));
            assertThat(all.stream().filter(c -> "r".equals(c.op()))).as("no new snapshot").hasSize(1);
            again.stop(Duration.ofSeconds(20));
            assertThat(again.exitCode()).hasValue(0);
        } finally {
            stopEngines();
            new ProcessBuilder("umount", dataDir.toString()).inheritIO().start().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Writes zeros into {@code file} until the file system is full. */
    static void fill(Path file) throws Exception {
        byte[] block = new byte[4096];
        try (var out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (java.io.IOException e) {
            assertThat(e.getMessage()).contains("No space left");
        }
    }

    static Set<Object> ids(List<DecodedChange> all) {
        return all.stream().filter(c -> !c.isTombstone()).map(c -> c.keyColumn("id")).collect(Collectors.toSet());
    }

    static Set<Object> range(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).boxed().collect(Collectors.toSet());
    }

    /** The last ERROR line of an engine's log: the one that says why it stopped. */
    static String lastErrorLine(ManagedProcess engine) {
        List<String> errors = CdcTestStack.log(engine).lines().filter(l -> l.contains(" ERROR ")).toList();
        assertThat(errors).as("an ERROR line in the log").isNotEmpty();
        return errors.get(errors.size() - 1);
    }

    /** The highest LSN in an offsets file (Debezium's {@code lsn} of each source partition). */
    static long committedLsn(Path offsetsFile) throws Exception {
        long max = -1;
        for (java.nio.ByteBuffer value : OffsetFileFormat.decode(Files.readAllBytes(offsetsFile)).values()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"lsn\":(\\d+)")
                    .matcher(java.nio.charset.StandardCharsets.UTF_8.decode(value.duplicate()));
            while (m.find()) {
                max = Math.max(max, Long.parseLong(m.group(1)));
            }
        }
        return max;
    }

    /** Last: it restarts the broker under everyone's feet. */
    @Test
    @Order(9)
    void kafkaOutageStopsTheEngineWithExitOneAndARestartResumesWithoutLoss() throws Exception {
        stack.app("CREATE TABLE shop.kout_items (id int PRIMARY KEY, label text NOT NULL)",
                "INSERT INTO shop.kout_items VALUES (0, 'sentinel')");
        Map<String, String> env = env("kout");
        env.put("TRIBUTARY_CDC_SEND_TIMEOUT", "8s");
        // the registry keeps its schemas in Kafka: it is down too
        env.put("TRIBUTARY_CDC_REGISTRY_RETRY_TIMEOUT", "8s");
        ManagedProcess engine = launch("cdc-kout", "kout_items", env);
        awaitSnapshot("kout.shop.kout_items", engine);

        stack.stack.kill(Service.KAFKA);
        for (int i = 1; i <= 10; i++) {
            stack.app("INSERT INTO shop.kout_items VALUES (" + i + ", 'during outage')");
        }
        assertThat(engine.waitFor(Duration.ofSeconds(60))).as("engine gives up; log:%n%s", CdcTestStack.log(engine)).isTrue();
        assertThat(engine.exitCode()).hasValue(1);
        assertThat(CdcTestStack.log(engine)).containsPattern("Kafka did not acknowledge|No acknowledgement from Kafka");

        stack.stack.start(Service.KAFKA);
        stack.app("INSERT INTO shop.kout_items VALUES (11, 'after outage')");
        ManagedProcess again = launch("cdc-kout", "kout_items", env);
        List<DecodedChange> all = stack.reader.readUntil("kout.shop.kout_items", a -> a.size() >= 12, WAIT);
        assertThat(all).as("log:%n%s", CdcTestStack.log(again)).extracting(c -> c.keyColumn("id"))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(0, 11).boxed().toList());
        assertThat(all).extracting(DecodedChange::op).containsExactly("r", "c", "c", "c", "c", "c", "c", "c", "c", "c", "c", "c");
        again.stop(Duration.ofSeconds(20));
        assertThat(again.exitCode()).hasValue(0);
    }

    static long retained(String slot) throws Exception {
        try (Connection c = stack.superuser(); PreparedStatement st = c.prepareStatement(
                "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint FROM pg_replication_slots WHERE slot_name = ?")) {
            st.setString(1, slot);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static boolean confirmedPast(String slot, String lsn) throws Exception {
        try (Connection c = stack.superuser(); PreparedStatement st = c.prepareStatement(
                "SELECT confirmed_flush_lsn >= ?::pg_lsn FROM pg_replication_slots WHERE slot_name = ?")) {
            st.setString(1, lsn);
            st.setString(2, slot);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * A table rewrite (ALTER COLUMN ... TYPE) is not MVCC-safe: committed after the snapshot transaction began but
     * before the snapshot reached that table, it made Debezium export 0 rows of it (found by reconcile in the demo).
     * With snapshot.locking.mode=shared the snapshot locks every captured table (ACCESS SHARE) at its start, so the
     * rewrite waits until the snapshot is over. Here: while the snapshot reads rewrite_a_big, rewrite_b_items is rewritten.
     */
    @Test
    @Order(4)
    void aTableRewriteDuringTheInitialSnapshotWaitsForItAndNoRowIsLost() throws Exception {
        int bigRows = 300_000;
        int rows = 5_000;
        stack.app("CREATE TABLE shop.rewrite_a_big (id int PRIMARY KEY, note text)",
                "INSERT INTO shop.rewrite_a_big SELECT g, repeat('x', 40) FROM generate_series(1, " + bigRows + ") g",
                "CREATE TABLE shop.rewrite_b_items (id int PRIMARY KEY, qty integer NOT NULL)",
                "ALTER TABLE shop.rewrite_b_items REPLICA IDENTITY FULL",
                "INSERT INTO shop.rewrite_b_items SELECT g, g % 100 FROM generate_series(1, " + rows + ") g");
        ManagedProcess engine = launch("cdc-rewrite", "rewrite_.*", env("rewrite"));

        // wait until the snapshot is reading the big table (the items table comes after it)
        awaitSnapshotReading("rewrite_a_big");
        long alterStarted = System.nanoTime();
        stack.app("ALTER TABLE shop.rewrite_b_items ALTER COLUMN qty TYPE bigint");
        LOG.info("ALTER rewrite_b_items ... TYPE bigint committed after {} ms",
                Duration.ofNanos(System.nanoTime() - alterStarted).toMillis());

        String topic = "rewrite.shop.rewrite_b_items";
        List<DecodedChange> all = stack.reader.readUntil(topic,
                a -> a.stream().filter(c -> "r".equals(c.op())).count() >= rows, Duration.ofSeconds(180));
        Set<Object> snapshotIds = all.stream().filter(c -> "r".equals(c.op())).map(c -> c.keyColumn("id"))
                .collect(Collectors.toSet());
        assertThat(snapshotIds).as("every row of the rewritten table in the snapshot; engine log:%n%s",
                CdcTestStack.log(engine)).hasSize(rows);
        engine.stop(Duration.ofSeconds(20));
    }

    /** Waits until the CDC role's snapshot transaction is reading {@code shop.<table>}. */
    static void awaitSnapshotReading(String table) {
        Awaitility.await("snapshot reading shop." + table).atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (Connection c = stack.superuser(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = 'tributary_cdc' "
                         + "AND state IN ('active', 'idle in transaction') AND query ILIKE '%" + table + "%'")) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        });
    }

    /**
     * Issue 20: PostgreSQL goes down while the initial snapshot reads a table. The engine, within its retry budget
     * (TRIBUTARY_CDC_PG_RETRY_TIMEOUT, default 2 minutes), reconnects once PostgreSQL is back and takes the snapshot
     * again from the start (its offsets never said it finished): every row arrives (some twice: at least once, as
     * Debezium promises), and a change committed afterwards streams.
     */
    @Test
    @Order(7)
    void postgresRestartDuringTheInitialSnapshotEndsWithEveryRowAndStreamsOn() throws Exception {
        int rows = 150_000;
        stack.app("CREATE TABLE shop.snapcrash_items (id int PRIMARY KEY, note text)",
                "INSERT INTO shop.snapcrash_items SELECT g, repeat('y', 40) FROM generate_series(1, " + rows + ") g");
        ManagedProcess engine = launch("cdc-snapcrash", "snapcrash_items", env("snapcrash"),
                "-Ddebezium.errors.retry.delay.max.ms=3000");
        awaitSnapshotReading("snapcrash_items");

        stack.stack.kill(Service.POSTGRES);
        LOG.info("PostgreSQL killed during the snapshot of shop.snapcrash_items");
        stack.stack.start(Service.POSTGRES);
        String topic = "snapcrash.shop.snapcrash_items";
        List<DecodedChange> snapshot = stack.reader.readUntil(topic, a -> ids(a).size() >= rows, Duration.ofSeconds(240));
        assertThat(ids(snapshot)).as("every row of the table after the restart; engine log:%n%s", CdcTestStack.log(engine))
                .isEqualTo(range(1, rows));
        assertThat(engine.isAlive()).as("the engine reconnected by itself; log:%n%s", CdcTestStack.log(engine)).isTrue();

        stack.app("INSERT INTO shop.snapcrash_items VALUES (0, 'after the snapshot')");
        List<DecodedChange> streamed = stack.reader.readUntil(topic, a -> ids(a).contains(0), WAIT);
        assertThat(streamed).filteredOn(c -> Integer.valueOf(0).equals(c.keyColumn("id")))
                .extracting(DecodedChange::op).containsExactly("c");
        engine.stop(Duration.ofSeconds(20));
        assertThat(engine.exitCode()).hasValue(0);
    }
}
