package io.tributary.simulator.run;

import io.tributary.runtime.Health;
import io.tributary.runtime.StageHttpServer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the shop: loads the state, starts the {@link Worker}s (one connection and thread each), serves
 * /metrics, logs progress, and returns the summary when the duration or change budget is used up or a
 * stop is requested. With one worker (the default) the order of events, and so a seeded run, is
 * exactly repeatable; more workers reach higher rates, each repeatable on its own but interleaved by
 * the database. In {@link RunMode#BULK} the workers are {@link BulkWorker}s: multi-row statements, a batch of
 * row changes per transaction, for benchmarks.
 */
public final class BusinessSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(BusinessSimulator.class);

    /** Opens a new connection (for each worker, and again after a connection loss). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource connections;
    private final RunSettings settings;
    private final ShopTables tables;
    private final RunStats stats = new RunStats(List.of(ShopTables.CUSTOMERS, ShopTables.PRODUCTS, ShopTables.ORDERS));
    private volatile RunControl control;
    private volatile boolean stopRequested;

    public BusinessSimulator(ConnectionSource connections, RunSettings settings) {
        this.connections = connections;
        this.settings = settings;
        this.tables = new ShopTables(settings.schema());
    }

    /** Asks a running {@link #run()} to let each worker finish its current transaction and return. */
    public void requestStop() {
        stopRequested = true;
        RunControl c = control;
        if (c != null) {
            c.requestStop();
        }
    }

    public RunStats stats() {
        return stats;
    }

    /** Runs until the duration or change budget is reached or a stop is requested; returns the summary. */
    public Map<String, Object> run() throws SQLException, IOException {
        SharedSchema schema = new SharedSchema();
        List<ShopState> states;
        try (Connection c = connections.open()) {
            c.setAutoCommit(false);
            tables.verify(c);
            states = ShopState.load(c, tables, settings.workers());
            schema.marketingOptIn = tables.columns(c, ShopTables.CUSTOMERS).contains("marketing_opt_in");
            c.commit();
        }
        LOG.info("Shop state: {} customers, {} products, {} open orders; {} worker(s), seed {}, target {} changes/s,"
                        + " {}", states.stream().mapToInt(s -> s.customers.size()).sum(), states.get(0).products.size(),
                states.stream().mapToInt(ShopState::openOrderCount).sum(), settings.workers(), settings.seed(),
                settings.unpaced() ? "max" : settings.rate(), settings.mode() == RunMode.BULK
                        ? "bulk mode, " + settings.batchSize() + " row changes per transaction"
                        : "mix " + settings.mix());

        // connect every worker before the clock starts, so the first second is not spent in handshakes
        List<Connection> workerConnections = new ArrayList<>();
        try {
            for (int i = 0; i < settings.workers(); i++) {
                Connection c = connections.open();
                workerConnections.add(c);
                c.setAutoCommit(false);
            }
        } catch (SQLException e) {
            for (Connection c : workerConnections) {
                c.close();
            }
            throw e;
        }
        StageHttpServer metrics = null;
        TransitionAudit audit = settings.auditFile() == null ? null : TransitionAudit.open(settings.auditFile());
        long start = System.nanoTime();
        control = new RunControl(start, settings.duration(), settings.maxChanges());
        if (stopRequested) {
            control.requestStop();
        }
        stats.started(System.currentTimeMillis());
        List<Thread> threads = new ArrayList<>();
        try {
            if (settings.metricsPort() > 0) {
                RunControl running = control;
                metrics = StageHttpServer.builder("simulator").bind(settings.metricsHost(), settings.metricsPort())
                        .threads(1).metrics(() -> stats.prometheus(settings.rate()))
                        .health(() -> running.failure() == null ? Health.up("UP changes=" + stats.changes())
                                : Health.down("DOWN: " + running.failure()))
                        .bindHint("choose another with --metrics-port (TRIBUTARY_SIMULATOR_METRICS_PORT)").start();
            }
            for (int i = 0; i < settings.workers(); i++) {
                Runnable worker = settings.mode() == RunMode.BULK
                        ? new BulkWorker(i, connections, settings, tables, stats, states.get(i), control,
                                workerConnections.get(i))
                        : new Worker(i, connections, settings, tables, stats, states.get(i), schema, audit, control,
                                workerConnections.get(i));
                Thread thread = new Thread(worker, "simulator-worker-" + i);
                threads.add(thread);
                thread.start();
            }
            reportProgressUntilDone(threads, start);
        } finally {
            control.requestStop();
            joinAll(threads);
            if (metrics != null) {
                metrics.close();
            }
            if (audit != null) {
                audit.close();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (control.failure() != null) {
            throw control.failure();
        }
        Map<String, Object> summary = stats.summary(settings.rate(), seconds, settings.seed());
        summary.put("workers", settings.workers());
        summary.put("mode", settings.mode().key());
        if (settings.mode() == RunMode.BULK) {
            summary.put("batchSize", settings.batchSize());
        }
        LOG.info("Run finished: {} changes in {} s ({} changes/s), {} transactions, {} retries, {} schema changes",
                stats.changes(), String.format(Locale.ROOT, "%.1f", seconds), summary.get("achievedRate"),
                stats.transactions(), stats.retries(), stats.schemaChanges());
        return summary;
    }

    private void reportProgressUntilDone(List<Thread> threads, long start) {
        long every = settings.progressInterval().toNanos();
        long lastNanos = start;
        long lastChanges = 0;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                long next = lastNanos + every;
                long waitMillis = Math.max(1, (next - System.nanoTime()) / 1_000_000);
                try {
                    thread.join(Math.min(waitMillis, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    requestStop();
                    return;
                }
                long now = System.nanoTime();
                if (now >= next && thread.isAlive()) {
                    long changes = stats.changes();
                    LOG.info("progress: {} changes/s over the last {} s; {} changes in {} transactions; {}",
                            String.format(Locale.ROOT, "%.1f", (changes - lastChanges) / ((now - lastNanos) / 1e9)),
                            String.format(Locale.ROOT, "%.1f", (now - lastNanos) / 1e9), changes,
                            stats.transactions(), stats.changesByKindLine());
                    lastChanges = changes;
                    lastNanos = now;
                }
            }
        }
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
