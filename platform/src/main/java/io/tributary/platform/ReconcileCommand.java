package io.tributary.platform;

import io.tributary.stack.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Compare every captured table of PostgreSQL with its silver table, row by row.",
                "From one consistent snapshot of PostgreSQL: row counts, missing keys, extra keys, rows whose values",
                "differ. Waits first until the lake has applied everything",
                "up to the snapshot's LSN. A table cdc-engine or the lakehouse job parked is reported as PARKED with",
                "its reason (its changes are held back until `tributary resume`, not lost).",
                "Exit 0 when equal; 4 when tables are parked and every other table is equal (the lake is not complete);",
                "3 when a table that is not parked differs (the first differing keys are printed); 1 on a failure."})
final class ReconcileCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Option(names = "--json", description = "One JSON object instead of the table.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "300s", description = "Give up waiting for the lake after this long without progress (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--sample", defaultValue = "10", description = "Differing keys printed per kind and table (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--history", description = "Also check the SCD2 history tables (docs/history.md): bring them up to"
            + " bronze, then compare each one's current rows with silver's live rows; a difference makes the result"
            + " differ (exit 3). Do not run it while a daily job writes history.")
    boolean history;

    @Override
    public Integer call() {
        DurationText.parse(timeout, "--timeout");
        RunningStack running = options.stack();
        List<String> args = new ArrayList<>(List.of("--timeout", timeout, "--sample", Integer.toString(sample)));
        if (json) {
            args.add("--json");
        }
        if (history) {
            args.add("--history");
        }
        LakehouseTool.Result result = run(running, args, System.out);
        if (!ReconcileSummary.isVerdict(result.exitCode())) {
            var err = options.err();
            result.failureLines("tributary reconcile", null).forEach(err::println);
            err.flush();
        }
        return result.exitCode();
    }

    /**
     * Runs the lakehouse job's reconcile on {@code running} with {@code args} (plus the tables cdc-engine reports as
     * parked), its output to {@code out} (null: only captured); a JSON verdict is kept as the latest reconcile.
     */
    static LakehouseTool.Result run(RunningStack running, List<String> args, java.io.OutputStream out) {
        List<String> all = new ArrayList<>(args);
        // the lake's parked tables are in the lake; cdc-engine's only on its /metrics
        new MetricsScraper().scrape(running.pipelinePorts().cdcEngine())
                .map(m -> ParkedTable.reconcileArguments(ParkedTable.of(Pipeline.CDC_ENGINE, m))).ifPresent(all::addAll);
        LakehouseTool.Result result = new LakehouseTool(running.attachRunning(Service.POSTGRES, Service.KAFKA, Service.S3)).run("reconcile", LakehouseTool.RECONCILE_MAIN, all, out);
        if (all.contains("--json") && ReconcileSummary.isVerdict(result.exitCode())) {
            new LastRuns(running.dataDir()).saveReconcile(result.stdout());
        }
        return result;
    }
}
