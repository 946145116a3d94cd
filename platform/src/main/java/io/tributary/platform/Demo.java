package io.tributary.platform;

import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.contracts.types.TypeMatrix;
import io.tributary.platform.progress.ProgressLines;
import io.tributary.platform.progress.ProgressRate;
import io.tributary.stack.LocalStack;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.PostgresEndpoint;
import io.tributary.stack.RunRecord;
import io.tributary.stack.Service;
import io.tributary.stack.StackException;
import io.tributary.stack.Supervision;
import java.io.IOException;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The end-to-end demo on a running stack: load csv-data/, start cdc-engine, lakehouse-job and the simulator, print a
 * status line every few seconds, stop the simulator at the end of the duration (or when asked), wait for the lake to
 * catch up and reconcile. The caller owns the stack (and stops it or leaves it running) and a
 * {@link io.tributary.stack.Supervisor} on it, which restarts a service that dies; the demo reports those restarts and
 * fails when the supervisor gives up on one (too many restarts, or a crash loop), also while it waits for reconcile.
 * A table a stage parks is reported once and named in every status line; the result then says the lake is not
 * complete (exit 4).
 */
final class Demo {
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    private static final Duration TRIGGER = Duration.ZERO;
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(10);
    /** how often the snapshot and the wait for the lake print their progress */
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    /** @param gold whether the lakehouse job runs its gold query too ({@link Pipeline#DEMO_GOLD}) */
    record Options(Duration duration, int rate, boolean schemaChanges, Duration statusInterval, Duration catchUpTimeout,
            boolean typeMatrix, boolean gold) {
    }

    record Result(int exitCode, ReconcileSummary reconcile, Map<String, Long> captured, Map<String, Long> loaded,
            double written, long seconds) {
    }

    private final LocalStack stack;
    private final Pipeline pipeline;
    private final Options options;
    private final PrintWriter out;
    private final MetricsScraper scraper = new MetricsScraper();
    private boolean firstVisibleReported;
    private final Map<String, Integer> restartsSeen = new HashMap<>();
    private final Set<ParkedTable> parkedSeen = new HashSet<>();

    Demo(LocalStack stack, Pipeline pipeline, Options options, PrintWriter out) {
        this.stack = stack;
        this.pipeline = pipeline;
        this.options = options;
        this.out = out;
    }

    Result run(BooleanSupplier stopRequested) {
        long begin = System.nanoTime();
        say("Loading csv-data/ into PostgreSQL (simulator load) ...");
        pipeline.load(Duration.ofMinutes(10));
        if (options.typeMatrix()) {
            createTypeMatrix();
        }
        Map<String, Long> loaded = ShopTableCounts.count(stack.postgres()).orElse(Map.of());
        say("Loaded: " + loaded.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()
                + " = " + loaded.values().stream().mapToLong(Long::longValue).sum() + " rows");

        ManagedProcess cdc = pipeline.startCdcEngine(HEARTBEAT);
        ManagedProcess lake = pipeline.startLakehouseJob(TRIGGER, options.gold() ? Pipeline.DEMO_GOLD : Map.of());
        say("Started cdc-engine (pid " + cdc.pid() + ", metrics :" + pipeline.ports().cdcEngine() + ") and lakehouse-job (pid "
                + lake.pid() + ", metrics :" + pipeline.ports().lakehouseJob() + (options.gold()
                ? "; with its gold query: serving.* in PostgreSQL, gold.* in the lake, docs/gold.md)" : ")"));
        ManagedProcess scheduler = pipeline.startScheduler();
        say("Started the scheduler (pid " + scheduler.pid() + ", metrics :" + stack.settings().ports().scheduler()
                + "): the daily jobs on their schedule; tributary schedule list");
        awaitInitialSnapshot(loaded.values().stream().mapToLong(Long::longValue).sum());
        ManagedProcess simulator = pipeline.startSimulator(options.rate(), options.duration(), options.schemaChanges());
        // the demo itself decides what the simulator's end means: the supervisor must not start another run
        stack.pause(Pipeline.SIMULATOR);
        say(String.format(Locale.ROOT, "Simulator running at %d changes/s for %s%s (pid %d); Ctrl-C stops it early",
                options.rate(), DurationText.format(options.duration()), options.schemaChanges() ? " with schema changes" : "",
                simulator.pid()));

        out.println(PipelineFigures.LEGEND);
        long start = System.nanoTime();
        PipelineFigures previous = PipelineFigures.NONE;
        long previousAt = start;
        String failure = null;
        while (simulator.isAlive()) {
            sleep(options.statusInterval());
            if (stopRequested.getAsBoolean()) {
                say("Stopping the simulator (asked to stop) ...");
                simulator.stop(Duration.ofSeconds(20));
                break;
            }
            long now = System.nanoTime();
            PipelineFigures figures = scrape(previous);
            out.println(figures.line((now - start) / 1_000_000_000L, previous, (now - previousAt) / 1e9));
            out.flush();
            reportParked(figures.parked());
            if (figures.merged() > 0) {
                reportFirstVisible();
            }
            previous = figures;
            previousAt = now;
            // a service that exits on a failure it cannot retry (a failed batch, Kafka gone past the send budget) is
            // restarted by the stack's supervisor, with backoff, and resumes from its durable offsets / checkpoint;
            // the demo reports each restart and fails only when the supervisor gives up
            reportRestarts();
            Optional<String> givenUp = givenUp();
            if (givenUp.isPresent()) {
                failure = givenUp.get();
                simulator.stop(Duration.ofSeconds(20));
                break;
            }
        }
        simulator.waitFor(Duration.ofSeconds(30));
        int simulatorExit = simulator.exitCode().orElse(0);
        if (failure == null && simulatorExit != 0 && !stopRequested.getAsBoolean()) {
            failure = "the simulator exited with code " + simulatorExit + "; see " + simulator.logFile() + ":\n"
                    + Pipeline.lastLines(simulator, 15);
        }
        stack.forget(Pipeline.SIMULATOR);
        double written = previous.written();
        if (failure != null) {
            say("FAILED: " + failure);
            return new Result(1, null, Map.of(), loaded, written, seconds(begin));
        }

        say("Simulator stopped after " + String.format(Locale.ROOT, "%,.0f", written)
                + " changes. Waiting for the lake to catch up, then reconciling PostgreSQL with silver ...");
        List<String> reconcileArgs = new ArrayList<>(List.of("--json", "--timeout", options.catchUpTimeout().toSeconds() + "s"));
        List<ParkedTable> parkedInCdc = scraper.scrape(pipeline.ports().cdcEngine())
                .map(m -> ParkedTable.of(Pipeline.CDC_ENGINE, m)).orElse(List.of());
        reconcileArgs.addAll(ParkedTable.reconcileArguments(parkedInCdc));
        // waiting for the lake is pointless once the supervisor gave up on a stage: stop reconcile then
        LakehouseTool.Result run;
        try (LakeWaitProgress progress = new LakeWaitProgress(stack.kafkaBootstrap(), pipeline.ports().lakehouseJob(), out,
                PROGRESS_INTERVAL)) {
            run = new LakehouseTool(stack).run("reconcile", LakehouseTool.RECONCILE_MAIN, reconcileArgs, null, () -> {
                progress.poll();
                return givenUp();
            });
        }
        if (run.abortedBecause() != null) {
            say("FAILED while waiting for the lake: " + run.abortedBecause());
            return new Result(1, null, Map.of(), loaded, written, seconds(begin));
        }
        if (!ReconcileSummary.isVerdict(run.exitCode())) {
            say("FAILED: reconcile exited with code " + run.exitCode() + "; see " + run.log());
            return new Result(1, null, Map.of(), loaded, written, seconds(begin));
        }
        ReconcileSummary summary = ReconcileSummary.parse(run.stdout());
        new LastRuns(stack.settings().dataDir()).saveReconcile(run.stdout());
        Map<String, Long> captured = scraper.scrape(pipeline.ports().cdcEngine()).map(PipelineFigures::capturedByTable)
                .orElse(Map.of());
        out.print(summary.render(captured));
        List<String> bronzeMismatch = summary.bronzeMismatches(captured);
        say(bronzeMismatch.isEmpty() ? "Bronze holds exactly the changes cdc-engine captured, table by table."
                : "Bronze rows differ from the captured changes (expected only after a crash and replay, or on a reused"
                        + " stack): " + bronzeMismatch);
        say(summary.resultLine());
        int code = summary.verdict().exitCode();
        return new Result(code, summary, captured, loaded, written, seconds(begin));
    }

    /**
     * Waits until cdc-engine streams (its first heartbeat seen from the WAL), i.e. its initial snapshot is complete,
     * before the simulator starts. A table-rewriting ALTER (the simulator's type widenings) during the snapshot would
     * otherwise make that table look empty to the snapshot's older MVCC snapshot (PostgreSQL documents rewrites as not
     * MVCC-safe): Debezium would export 0 rows for it, as reconcile showed.
     */
    private void awaitInitialSnapshot(long tableRows) {
        long begin = System.nanoTime();
        ProgressRate rate = new ProgressRate(10);
        long[] lastLine = {begin};
        double rows = pipeline.awaitCdcStreaming(SNAPSHOT_TIMEOUT, () -> {
            long now = System.nanoTime();
            pipeline.cdcSnapshot().ifPresent(progress -> {
                rate.sample(now, progress.rows());
                if (now - lastLine[0] >= PROGRESS_INTERVAL.toNanos()) {
                    lastLine[0] = now;
                    say(ProgressLines.snapshot(progress.rows(), tableRows, rate));
                }
            });
            reportFirstVisible();
            reportRestarts();
            givenUp().ifPresent(reason -> {
                throw new StackException("during the initial snapshot: " + reason);
            });
        });
        say(String.format(Locale.ROOT, "cdc-engine streams: initial snapshot captured (%,.0f rows) in %.0f s", rows,
                (System.nanoTime() - begin) / 1e9));
    }

    /**
     * Once: how long after the {@code demo} command started the first rows became visible in silver (the lake's first
     * merge or first append of the initial snapshot). Checked on every poll while the snapshot is captured and on
     * every status tick, so the figure is exact to about a second there, to a tick later.
     */
    private void reportFirstVisible() {
        if (firstVisibleReported) {
            return;
        }
        double merged = scraper.scrape(pipeline.ports().lakehouseJob()).map(m -> m.sum(MetricNames.Lakehouse.ROWS_MERGED_TOTAL))
                .orElse(0.0);
        if (merged > 0) {
            firstVisibleReported = true;
            long sinceStart = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            say(String.format(Locale.ROOT, "First rows visible in silver %.0f s after `demo` started (%,.0f rows merged)",
                    sinceStart / 1e3, merged));
        }
    }

    /** Prints a warning for every restart the supervisor made of cdc-engine or lakehouse-job since the last call. */
    private void reportRestarts() {
        for (String name : List.of(Pipeline.CDC_ENGINE, Pipeline.LAKEHOUSE_JOB)) {
            stack.runRecord(name).ifPresent(record -> {
                Supervision s = record.supervision();
                int seen = restartsSeen.getOrDefault(name, 0);
                if (s.restarts() > seen) {
                    restartsSeen.put(name, s.restarts());
                    say("WARNING: " + name + " exited" + (s.lastExitCode() == null ? "" : " with code " + s.lastExitCode())
                            + "; the supervisor restarted it (restart " + s.restarts() + "); it resumes where it left off."
                            + " Its log: " + record.logFile() + "\n" + lastLines(Path.of(record.logFile()), 20));
                }
            });
        }
    }

    /** Prints a warning, once per table and stage, for every table a stage parked. */
    private void reportParked(List<ParkedTable> parked) {
        for (ParkedTable p : parked) {
            if (parkedSeen.add(p)) {
                say("WARNING: table " + p.table() + " is PARKED by " + p.stage() + " (" + p.reason() + "): its changes are"
                        + " held back while every other table goes on. To resume: " + p.fix());
            }
        }
    }

    /**
     * Why the supervisor gave up on a process of the stack (a stage or a server; the reason names it: too many
     * restarts, or a crash loop with its last error), if it did, with the end of its log.
     */
    private Optional<String> givenUp() {
        Set<String> watched = new HashSet<>(List.of(Pipeline.CDC_ENGINE, Pipeline.LAKEHOUSE_JOB));
        for (Service service : Service.values()) {
            watched.add(service.id());
        }
        stack.kafkaCluster().nodes().forEach(node -> watched.add(node.name()));
        for (RunRecord record : stack.runRecords()) {
            if (record.failure() != null && watched.contains(record.name())) {
                return Optional.of(record.failure() + ":\n" + lastLines(Path.of(record.logFile()), 20));
            }
        }
        return Optional.empty();
    }

    private static String lastLines(Path log, int lines) {
        try {
            return String.join("\n", LogsCommand.tail(log, lines));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private PipelineFigures scrape(PipelineFigures last) {
        PipelinePorts p = pipeline.ports();
        return PipelineFigures.of(scraper.scrape(p.simulator()).orElse(PrometheusText.EMPTY),
                scraper.scrape(p.cdcEngine()).orElse(PrometheusText.EMPTY),
                scraper.scrape(p.lakehouseJob()).orElse(PrometheusText.EMPTY), last);
    }

    /**
     * {@code --type-matrix}: the table of every common PostgreSQL type and its edge values ({@link TypeMatrix}),
     * created with its rows before cdc-engine starts, so that its initial snapshot reads them (a generated column is
     * only read there: PostgreSQL 17's pgoutput does not publish it). Kept when it exists (a demo on the same data).
     */
    private void createTypeMatrix() {
        PostgresEndpoint pg = stack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.appUser(), pg.appPassword());
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + TypeMatrix.qualified() + "') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    say(TypeMatrix.qualified() + " exists: kept as it is");
                    return;
                }
            }
            TypeMatrix.create(c, 0);
        } catch (SQLException e) {
            throw new StackException("cannot create " + TypeMatrix.qualified() + " (--type-matrix): " + e.getMessage(), e);
        }
        say("Created " + TypeMatrix.qualified() + ": " + (TypeMatrix.columns().size() + 3) + " columns of the common"
                + " PostgreSQL types, " + TypeMatrix.ids().size() + " rows of edge values (docs/lakehouse-job.md, type table)");
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    private static long seconds(long begin) {
        return (System.nanoTime() - begin) / 1_000_000_000L;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
