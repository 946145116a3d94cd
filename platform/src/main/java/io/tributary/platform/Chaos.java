package io.tributary.platform;

import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.stack.LocalStack;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.PostgresEndpoint;
import io.tributary.stack.RestartPolicy;
import io.tributary.stack.Service;
import io.tributary.stack.StackException;
import io.tributary.stack.Supervisor;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tributary chaos} on a running stack: the demo's pipeline (load, cdc-engine, lakehouse-job, simulator) under a
 * {@link Supervisor}, a kill of cdc-engine during the initial snapshot of a large table, then a seeded storm of faults
 * ({@link ChaosSchedule}) while the simulator writes; then the simulator stops, reconcile waits for the lake and
 * compares, the quarantine is counted against the injected poison, and an optional idle phase watches the slot's
 * retained WAL. The caller owns the stack.
 */
final class Chaos {
    private static final Logger LOG = LoggerFactory.getLogger(Chaos.class);
    static final Duration TRIGGER = Duration.ofSeconds(2);
    private static final Duration ALIVE_TIMEOUT = Duration.ofMinutes(3);
    static final String BULK_TABLE = "chaos_bulk";
    static final String POISON_TABLE = "orders";
    static final String SCHEMA = "shop";
    static final String SLOT = "tributary_slot";

    record Options(Duration duration, int kills, int rate, long seed, boolean schemaChanges, Duration registryOutage,
            Duration s3Outage, int snapshotRows, Duration idle, long idleWalBound, Duration catchUpTimeout,
            Duration statusInterval, RestartPolicy policy) {
    }

    private final LocalStack stack;
    private final Pipeline pipeline;
    private final Options options;
    private final PrintWriter out;
    private final MetricsScraper scraper = new MetricsScraper();
    private final Map<ChaosFault, Integer> performed = new EnumMap<>(ChaosFault.class);
    private final WrittenCounter written = new WrittenCounter();
    private int poisonInjected;
    /** the tables chaos created during the storm, in order */
    private final List<String> chaosTables = new ArrayList<>();
    private final List<ChaosParkAndResume.Outcome> columnChanges = new ArrayList<>();
    private final List<ChaosLakePark.Outcome> lakeParks = new ArrayList<>();
    private PipelineFigures figures = PipelineFigures.NONE;
    private long figuresAt = System.nanoTime();
    private long stormStart;

    Chaos(LocalStack stack, Pipeline pipeline, Options options, PrintWriter out) {
        this.stack = stack;
        this.pipeline = pipeline;
        this.options = options;
        this.out = out;
    }

    ChaosReport run(BooleanSupplier stopRequested) {
        List<ChaosSchedule.Planned> plan = ChaosSchedule.plan(options.seed(), options.kills(), options.duration(), ChaosFault.scheduled());
        say("Chaos seed " + options.seed() + " (repeat this run with --seed " + options.seed() + "); plan: "
                + plan.stream().map(p -> DurationText.format(p.at()) + " " + p.fault().id()).toList());
        try (Supervisor supervisor = Supervisor.start(stack, options.policy())) {
            if (!supervisor.active()) {
                say("Another supervisor (tributary up's daemon) supervises this data dir; it restarts what the faults kill.");
            }
            String failure = null;
            try {
                prepare();
                storm(plan, stopRequested);
            } catch (RuntimeException e) {
                // reported in the summary line (exit 1) with the stack trace in the log; the finish still stops the simulator
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.error("Chaos run failed", e);
                say("FAILED: " + e.getMessage());
            }
            stopSimulator();
            Map<String, Integer> restarts = supervisor.restarts();
            if (failure != null) {
                return report(restarts, -1, null, -1, failure);
            }
            return finish(restarts);
        }
    }

    /** Load, a large table to snapshot, cdc-engine killed mid-snapshot, lakehouse-job; returns once cdc-engine streams. */
    private void prepare() {
        new ChaosSnapshotPhase(stack, pipeline, options.snapshotRows(), this::say, this::count).run();
    }

    private void storm(List<ChaosSchedule.Planned> plan, BooleanSupplier stopRequested) {
        // until the storm ends (stopSimulator): the faults that park a table wait for batches and resumes, so the storm
        // often outlasts --duration, and the shop must keep changing while a table is parked; the simulator makes a
        // schema change a minute meanwhile
        ManagedProcess simulator = pipeline.startSimulator(options.rate(), null, options.schemaChanges());
        say(String.format(Locale.ROOT, "Simulator writing %d changes/s%s (pid %d); %d faults over %s", options.rate(),
                options.schemaChanges() ? " with schema changes" : "", simulator.pid(), plan.size(), DurationText.format(options.duration())));
        stormStart = System.nanoTime();
        for (ChaosSchedule.Planned p : plan) {
            if (!waitUntil(p.at(), stopRequested)) {
                return;
            }
            inject(p);
        }
        waitUntil(options.duration(), stopRequested);
    }

    /** Waits (printing the live status) until {@code at} after the storm's start; false when asked to stop. */
    private boolean waitUntil(Duration at, BooleanSupplier stopRequested) {
        long target = stormStart + at.toNanos();
        while (System.nanoTime() < target) {
            if (stopRequested.getAsBoolean()) {
                say("Asked to stop: ending the storm early");
                return false;
            }
            sleep(Duration.ofNanos(Math.min(target - System.nanoTime(), Duration.ofSeconds(1).toNanos())));
            sample();
        }
        return true;
    }

    private void sample() {
        long now = System.nanoTime();
        PipelinePorts p = pipeline.ports();
        Optional<PrometheusText> sim = scraper.scrape(p.simulator());
        sim.ifPresent(m -> written.observe(m.sum(MetricNames.Simulator.CHANGES_TOTAL)));
        if ((now - figuresAt) >= options.statusInterval().toNanos()) {
            PipelineFigures next = PipelineFigures.of(sim.orElse(PrometheusText.EMPTY), scraper.scrape(p.cdcEngine()).orElse(PrometheusText.EMPTY),
                    scraper.scrape(p.lakehouseJob()).orElse(PrometheusText.EMPTY), figures);
            out.println(next.line((now - stormStart) / 1_000_000_000L, figures, (now - figuresAt) / 1e9));
            out.flush();
            figures = next;
            figuresAt = now;
        }
    }

    private void inject(ChaosSchedule.Planned p) {
        String elapsed = DurationText.format(Duration.ofNanos(System.nanoTime() - stormStart));
        switch (p.fault()) {
            case KILL_CDC_ENGINE -> kill(Pipeline.CDC_ENGINE, p, elapsed);
            case KILL_LAKEHOUSE_JOB -> kill(Pipeline.LAKEHOUSE_JOB, p, elapsed);
            case KILL_LAKEHOUSE_JOB_IN_BATCH -> killInBatch(p, elapsed);
            case KILL_KAFKA -> {
                awaitServer(Service.KAFKA);
                say("FAULT at " + elapsed + ": kill -9 kafka (pid " + stack.pid(Service.KAFKA) + ")");
                stack.kill(Service.KAFKA);
                count(p.fault());
            }
            case RESTART_POSTGRES -> {
                awaitServer(Service.POSTGRES);
                say("FAULT at " + elapsed + ": restart postgres");
                stack.stop(Service.POSTGRES);
                stack.start(Service.POSTGRES);
                count(p.fault());
            }
            case STOP_REGISTRY -> outage(Service.REGISTRY, options.registryOutage(), p, elapsed);
            case STOP_S3 -> outage(Service.S3, options.s3Outage(), p, elapsed);
            case POISON -> {
                List<byte[]> records = ChaosPoisonRecords.of(p.seed());
                String topic = "tributary.shop." + POISON_TABLE;
                ChaosPoisonInjector.inject(stack.kafkaBootstrap(), topic, records);
                poisonInjected += records.size();
                count(p.fault());
                say("FAULT at " + elapsed + ": " + records.size() + " poison records into " + topic
                        + " (random bytes, wrong magic byte, unknown schema id)");
            }
            case NEW_TABLE_EDGE_VALUES -> edgeTable(p, elapsed);
            case INCOMPATIBLE_COLUMN_CHANGE -> {
                ChaosColumnChange change = ChaosColumnChange.of(SCHEMA, performed.getOrDefault(p.fault(), 0) + 1);
                chaosTables.add(change.table());
                columnChanges.add(new ChaosParkAndResume(steps(), this::say).run(change, p.seed(), elapsed));
                count(p.fault());
            }
            case LAKE_WRITE_REFUSED -> {
                ChaosLakeConstraint fault = ChaosLakeConstraint.of(SCHEMA, performed.getOrDefault(p.fault(), 0) + 1);
                chaosTables.add(fault.table());
                lakeParks.add(new ChaosLakePark(steps(), new LakehouseTool(stack), this::say).run(fault, p.seed(), elapsed));
                count(p.fault());
            }
            default -> throw new IllegalStateException("not a scheduled fault: " + p.fault());
        }
    }

    private ChaosSteps steps() {
        return new ChaosSteps(stack, pipeline.ports(), scraper, this::sample);
    }

    /** Creates a new table in the captured schema with edge values, then updates and deletes, a transaction per step. */
    private void edgeTable(ChaosSchedule.Planned p, String elapsed) {
        String table = ChaosEdgeTable.name(performed.getOrDefault(p.fault(), 0) + 1);
        List<List<String>> transactions = ChaosEdgeTable.transactions(SCHEMA, table);
        PostgresEndpoint pg = stack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.appUser(), pg.appPassword()); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (List<String> transaction : transactions) {
                for (String sql : transaction) {
                    s.execute(sql);
                }
                c.commit();
            }
        } catch (SQLException e) {
            throw new StackException("Cannot create and change " + SCHEMA + "." + table + " on " + pg.jdbcUrl() + ": " + e.getMessage(), e);
        }
        chaosTables.add(table);
        count(p.fault());
        say("FAULT at " + elapsed + ": new table " + SCHEMA + "." + table + " with edge values (numeric without precision, NULL"
                + " and 38 digits; timestamp and timestamptz of years 1 and 9999; date 9999-12-31), then " + (transactions.size() - 2)
                + " transactions of updates, deletes and a re-insert (" + ChaosEdgeTable.FINAL_ROWS + " rows left)");
    }

    private void kill(String name, ChaosSchedule.Planned p, String elapsed) {
        ManagedProcess process = awaitAlive(name);
        say("FAULT at " + elapsed + ": kill -9 " + name + " (pid " + process.pid() + ")");
        process.kill();
        count(p.fault());
    }

    /** Waits for the batch counter to move, then kills a seeded fraction of a trigger interval later: inside the next batch. */
    private void killInBatch(ChaosSchedule.Planned p, String elapsed) {
        ManagedProcess process = awaitAlive(Pipeline.LAKEHOUSE_JOB);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        double before = batches();
        while (before < 0 && System.nanoTime() < deadline && process.isAlive()) {
            sleep(Duration.ofMillis(200)); // its /metrics answers only once Spark is up
            before = batches();
        }
        double now = before;
        while (System.nanoTime() < deadline && (now <= before || before < 0) && process.isAlive()) {
            sleep(Duration.ofMillis(50));
            now = batches();
        }
        long delay = (long) (new Random(p.seed()).nextDouble() * TRIGGER.toMillis() * 0.75);
        sleep(Duration.ofMillis(delay));
        if (!process.isAlive()) {
            say("FAULT at " + elapsed + ": lakehouse-job died by itself before its in-batch kill; skipped");
            return;
        }
        say("FAULT at " + elapsed + ": kill -9 lakehouse-job (pid " + process.pid() + ") " + (now > before
                ? delay + " ms after its batch counter moved to " + (long) now
                : "although no batch committed within 90 s (Spark still starting or the lake blocked)"));
        process.kill();
        count(p.fault());
    }

    private double batches() {
        return scraper.scrape(pipeline.ports().lakehouseJob()).map(m -> m.sum(MetricNames.Lakehouse.BATCHES_TOTAL)).orElse(-1.0);
    }

    private void outage(Service service, Duration length, ChaosSchedule.Planned p, String elapsed) {
        awaitServer(service);
        say("FAULT at " + elapsed + ": stop " + service.id() + " for " + DurationText.format(length));
        stack.stop(service); // pauses its supervision: a deliberate stop
        sleepSampling(length);
        stack.start(service);
        count(p.fault());
        say(service.id() + " is back");
    }

    private void sleepSampling(Duration length) {
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            sleep(Duration.ofNanos(Math.min(end - System.nanoTime(), Duration.ofSeconds(1).toNanos())));
            sample();
        }
    }

    private ManagedProcess awaitAlive(String name) {
        long deadline = System.nanoTime() + ALIVE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ManagedProcess p = stack.launchedProcesses().get(name);
            if (p != null && p.isAlive()) {
                return p;
            }
            sleep(Duration.ofMillis(200));
        }
        throw new StackException(name + " was not running for " + ALIVE_TIMEOUT + " (the supervisor did not bring it back); see "
                + stack.settings().logFile(name));
    }

    private void awaitServer(Service service) {
        long deadline = System.nanoTime() + ALIVE_TIMEOUT.toNanos();
        while (!stack.isRunning(service)) {
            if (System.nanoTime() > deadline) {
                throw new StackException(service.id() + " was not running for " + ALIVE_TIMEOUT + "; see "
                        + stack.settings().logFile(service.id()));
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private void stopSimulator() {
        ManagedProcess simulator = stack.launchedProcesses().get(Pipeline.SIMULATOR);
        if (simulator == null) {
            return;
        }
        stack.pause(Pipeline.SIMULATOR);
        sample();
        simulator.stop(Duration.ofSeconds(20));
        stack.forget(Pipeline.SIMULATOR);
    }

    private ChaosReport finish(Map<String, Integer> restarts) {
        say(String.format(Locale.ROOT, "Simulator stopped after ~%,d changes. Waiting for the lake to catch up, then reconciling ...",
                written.total()));
        ChaosLakeCheck check = new ChaosLakeCheck(new LakehouseTool(stack), this::say);
        // reconcile reads the lake's own parked tables from the lake, cdc-engine's are passed (as the demo does)
        LakehouseTool.Result run = check.reconcile(options.catchUpTimeout(), scraper.scrape(pipeline.ports().cdcEngine())
                .map(m -> ParkedTable.reconcileArguments(ParkedTable.of(Pipeline.CDC_ENGINE, m))).orElse(List.of()));
        if (!ReconcileSummary.isVerdict(run.exitCode())) {
            return report(restarts, -1, null, -1, "reconcile exited with code " + run.exitCode() + "; see " + run.log());
        }
        ReconcileSummary summary = ReconcileSummary.parse(run.stdout());
        Map<String, Long> captured = ChaosTopicCounts.perTable(stack.kafkaBootstrap(), "tributary.shop.");
        captured.computeIfPresent(POISON_TABLE, (t, n) -> n - poisonInjected);
        out.print(summary.render(captured));
        if (!summary.parkedTables().isEmpty()) {
            say(summary.resultLine());
        }
        long quarantined = check.countQuarantine(poisonInjected);
        long walMax = options.idle().isZero() ? -1
                : new ChaosIdlePhase(stack.postgres(), options.idle(), options.idleWalBound(), this::say).run();
        return report(restarts, quarantined, summary, walMax, null, captured.values().stream().mapToLong(Long::longValue).sum());
    }

    /** reconcile's result for each table chaos created (a table it did not report is {@code MISSING}). */
    private Map<String, String> chaosTableResults(ReconcileSummary summary) {
        Map<String, String> results = new LinkedHashMap<>();
        chaosTables.forEach(t -> results.put(t, "MISSING"));
        for (ReconcileSummary.Table t : summary.tables()) {
            results.computeIfPresent(t.name(), (name, r) -> t.result());
        }
        return results;
    }

    private ChaosReport report(Map<String, Integer> restarts, long quarantined, ReconcileSummary summary, long walMax, String failure) {
        return report(restarts, quarantined, summary, walMax, failure, -1);
    }

    private ChaosReport report(Map<String, Integer> restarts, long quarantined, ReconcileSummary summary, long walMax, String failure,
            long captured) {
        List<String> parked = summary == null ? List.of()
                : summary.parkedTables().stream().map(t -> t.name() + ": " + t.parked()).toList();
        return new ChaosReport(options.seed(), options.duration(), Map.copyOf(performed), restarts, written.total(), captured,
                poisonInjected, quarantined, summary == null ? null : summary.outcome(), parked,
                summary == null ? Map.of() : chaosTableResults(summary), columnChanges, lakeParks, walMax, options.idleWalBound(), failure);
    }

    private void count(ChaosFault fault) {
        performed.merge(fault, 1, Integer::sum);
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted", e);
        }
    }

    /** The simulator's changes counter summed over its restarts (a drop means a new process started from 0). */
    static final class WrittenCounter {
        private long completed;
        private long current;

        void observe(double value) {
            long v = (long) value;
            if (v < current) {
                completed += current;
            }
            current = v;
        }

        long total() {
            return completed + current;
        }
    }
}
