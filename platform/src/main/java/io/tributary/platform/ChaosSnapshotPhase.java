package io.tributary.platform;

import io.tributary.stack.LocalStack;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.PostgresEndpoint;
import io.tributary.stack.StackException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The first phase of {@code tributary chaos}: the demo's load, a large table ({@code shop.chaos_bulk}) for
 * cdc-engine's initial snapshot, cdc-engine and lakehouse-job started, and cdc-engine killed with SIGKILL once it has
 * exported some snapshot rows but before it streams. It ends once cdc-engine streams.
 */
final class ChaosSnapshotPhase {
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(10);

    private final LocalStack stack;
    private final Pipeline pipeline;
    private final int snapshotRows;
    private final Consumer<String> say;
    private final Consumer<ChaosFault> performed;

    ChaosSnapshotPhase(LocalStack stack, Pipeline pipeline, int snapshotRows, Consumer<String> say, Consumer<ChaosFault> performed) {
        this.stack = stack;
        this.pipeline = pipeline;
        this.snapshotRows = snapshotRows;
        this.say = say;
        this.performed = performed;
    }

    void run() {
        say.accept("Loading csv-data/ into PostgreSQL (simulator load) ...");
        pipeline.load(Duration.ofMinutes(10));
        createBulkTable();
        ManagedProcess cdc = pipeline.startCdcEngine(HEARTBEAT);
        ManagedProcess lake = pipeline.startLakehouseJob(Chaos.TRIGGER);
        say.accept("Started cdc-engine (pid " + cdc.pid() + ") and lakehouse-job (pid " + lake.pid() + ")");
        killDuringSnapshot(cdc);
        awaitStreaming();
    }

    private void createBulkTable() {
        PostgresEndpoint pg = stack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.appUser(), pg.appPassword()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS shop." + Chaos.BULK_TABLE + " (id bigint PRIMARY KEY, payload text NOT NULL,"
                    + " amount numeric(12,2) NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
            long existing;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM shop." + Chaos.BULK_TABLE)) {
                rs.next();
                existing = rs.getLong(1);
            }
            if (existing == 0) {
                s.execute("INSERT INTO shop." + Chaos.BULK_TABLE + " (id, payload, amount) SELECT g, md5(g::text), (g % 100000) / 100.0"
                        + " FROM generate_series(1, " + snapshotRows + ") g");
            }
            say.accept(String.format(Locale.ROOT, "shop.%s holds %,d rows for cdc-engine's initial snapshot", Chaos.BULK_TABLE,
                    Math.max(existing, snapshotRows)));
        } catch (SQLException e) {
            throw new StackException("Cannot create shop." + Chaos.BULK_TABLE + " on " + pg.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /** SIGKILL cdc-engine once it has exported some snapshot rows but before it streams (no heartbeat yet). */
    private void killDuringSnapshot(ManagedProcess cdc) {
        long deadline = System.nanoTime() + SNAPSHOT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && cdc.isAlive()) {
            Optional<Pipeline.SnapshotProgress> progress = pipeline.cdcSnapshot();
            if (progress.isPresent() && progress.get().streaming()) {
                say.accept("cdc-engine finished its snapshot before the kill: no snapshot kill in this run (use a larger --snapshot-rows)");
                return;
            }
            double exported = progress.map(Pipeline.SnapshotProgress::rows).orElse(0.0);
            if (exported >= Math.min(1000, snapshotRows / 10.0)) {
                cdc.kill();
                performed.accept(ChaosFault.KILL_CDC_ENGINE_IN_SNAPSHOT);
                say.accept(String.format(Locale.ROOT, "FAULT kill -9 cdc-engine during its initial snapshot (%,.0f rows exported)", exported));
                return;
            }
            Chaos.sleep(Duration.ofMillis(100));
        }
    }

    private void awaitStreaming() {
        long begin = System.nanoTime();
        double rows = pipeline.awaitCdcStreaming(SNAPSHOT_TIMEOUT, () -> { });
        say.accept(String.format(Locale.ROOT, "cdc-engine streams (initial snapshot %,.0f rows) after %.0f s", rows,
                (System.nanoTime() - begin) / 1e9));
    }
}
