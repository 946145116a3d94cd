package io.tributary.platform;

import io.tributary.console.ConsoleServer;
import io.tributary.stack.RestartPolicy;
import io.tributary.stack.Supervisor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline end to end, then check that the lake equals PostgreSQL.",
                "It starts the local stack, loads csv-data/, starts cdc-engine, lakehouse-job (with its gold query,",
                "docs/gold.md; --no-gold: without) and the simulator and shows a live status; then it stops the",
                "simulator, waits for the lake to catch up, reconciles",
                "PostgreSQL with silver and shuts everything down. A server or service that dies",
                "meanwhile is restarted with backoff; the demo fails (exit 1, naming it and its last error) when the",
                "supervisor gives up on it: too many restarts, or a crash loop (the same quick failure 3 times in a row).",
                "A table a stage parks is named in the status line; the others go on.",
                "Exit code 0 only if the lake equals PostgreSQL; 4 if tables are parked and every other table is equal",
                "(the lake is not complete); 3 if a table that is not parked differs; 1 on a failure.",
                "While it runs, the web console is on http://127.0.0.1:18080/ (--console-port; 0: none); with",
                "--keep-running the background supervisor serves it after the demo."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Mixin
    StartOptions start;

    @Mixin
    PipelineOptions pipeline;

    @Mixin
    ConsoleOptions console;

    @Option(names = "--duration", defaultValue = "120s", description = "How long the simulator runs (default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--rate", defaultValue = "500", description = "Row changes per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--schema-changes", description = "Let the simulator ALTER its tables during the run (add, widen, drop columns).")
    boolean schemaChanges;

    @Option(names = "--type-matrix", description = {"Also create shop.type_matrix before capture starts: a column of every",
            "common PostgreSQL type, rows of edge values; reconcile compares it like the shop's tables."})
    boolean typeMatrix;

    @Option(names = "--no-gold", description = {"Run the lakehouse job without its gold query (windows served to",
            "PostgreSQL schema serving, the enriched and abandoned-orders topics; docs/gold.md)."})
    boolean noGold;

    @Option(names = "--status-interval", defaultValue = "5s", description = "How often the live status line is printed (default ${DEFAULT-VALUE}).")
    String statusInterval;

    @Override
    public Integer call() {
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive, got " + rate);
        }
        Demo.Options demoOptions = new Demo.Options(DurationText.parse(duration, "--duration"), rate, schemaChanges,
                DurationText.parse(statusInterval, "--status-interval"),
                DurationText.parse(pipeline.catchUpTimeout, "--catch-up-timeout"), typeMatrix, !noGold);
        RunningStack running = options.stack(start);
        PipelinePorts ports = pipeline.ports();
        var out = options.out();
        StackSession session = new StackSession(running.settings(), out).onCtrlC("finishing the demo")
                .daemonArguments(console.asArguments());
        return session.run(ports, pipeline.keepRunning, tryNext(running.dataDirOption()), stack -> {
            // restarts a server or service that dies, with backoff (inactive if an `up` daemon already supervises)
            try (Supervisor supervisor = Supervisor.start(stack, RestartPolicy.defaults());
                    ConsoleServer server = console.start(running, out, false).orElse(null)) {
                Demo.Result result = new Demo(stack, new Pipeline(stack, ports), demoOptions, out).run(session::stopRequested);
                out.printf("Demo finished in %d s.%n", session.seconds());
                return result.exitCode();
            }
        });
    }

    private static String tryNext(String dirOption) {
        return "Try:\n"
                + "  ./tributary status" + dirOption + "\n"
                + "  ./tributary sql \"SELECT status, count(*) FROM silver.orders GROUP BY status\"" + dirOption + "\n"
                + "  ./tributary psql" + dirOption + "\n"
                + "  ./tributary psql" + dirOption + " -- -c \"SELECT * FROM serving.revenue_by_category_1m"
                + " ORDER BY window_start DESC LIMIT 10\"\n"
                + "  ./tributary gold check" + dirOption + "\n"
                + "  ./tributary tail orders" + dirOption + "\n"
                + "  ./tributary down" + dirOption;
    }
}
