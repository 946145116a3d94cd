package io.tributary.platform;

import io.tributary.stack.LocalStack;
import io.tributary.stack.RestartPolicy;
import io.tributary.stack.Service;
import io.tributary.stack.StackSettings;
import io.tributary.stack.Supervisor;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole pipeline end to end: start the local stack, load csv-data/, start cdc-engine,",
                "lakehouse-job and the simulator, show a live status, then stop the simulator, wait for the lake to",
                "catch up, reconcile PostgreSQL with silver and shut everything down. A server or service that dies",
                "meanwhile is restarted with backoff (the demo fails if it keeps dying).",
                "Exit code 0 only if the lake equals PostgreSQL (3 if it differs, 1 on a failure)."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Option(names = "--duration", defaultValue = "120s", description = "How long the simulator runs (default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--rate", defaultValue = "500", description = "Row changes per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--schema-changes", description = "Let the simulator ALTER its tables during the run (add, widen, drop columns).")
    boolean schemaChanges;

    @Option(names = "--keep-running", description = "Leave the stack and the pipeline up for inspection (stop with `tributary down`).")
    boolean keepRunning;

    @Option(names = "--status-interval", defaultValue = "5s", description = "Live status every (default ${DEFAULT-VALUE}).")
    String statusInterval;

    @Option(names = "--catch-up-timeout", defaultValue = "300s",
            description = "Reconcile gives up waiting for the lake after this long without progress (default ${DEFAULT-VALUE}).")
    String catchUpTimeout;

    @Option(names = "--cdc-metrics-port", defaultValue = "18082", description = "cdc-engine /metrics (default ${DEFAULT-VALUE}).")
    int cdcMetricsPort;

    @Option(names = "--lakehouse-metrics-port", defaultValue = "18083", description = "lakehouse-job /metrics (default ${DEFAULT-VALUE}).")
    int lakehouseMetricsPort;

    @Option(names = "--simulator-metrics-port", defaultValue = "18084", description = "simulator /metrics (default ${DEFAULT-VALUE}).")
    int simulatorMetricsPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive, got " + rate);
        }
        Demo.Options demoOptions = new Demo.Options(DurationText.parse(duration, "--duration"), rate, schemaChanges,
                DurationText.parse(statusInterval, "--status-interval"), DurationText.parse(catchUpTimeout, "--catch-up-timeout"));
        StackSettings settings = options.settings();
        PipelinePorts ports = new PipelinePorts(cdcMetricsPort, lakehouseMetricsPort, simulatorMetricsPort);
        var out = spec.commandLine().getOut();
        AtomicBoolean stop = new AtomicBoolean();
        Signal.handle(new Signal("INT"), signal -> {
            if (!stop.compareAndSet(false, true)) {
                out.println("Second Ctrl-C: stopping everything now.");
                out.flush();
                System.exit(130);
            }
            out.println("Ctrl-C: finishing the demo (stop the simulator, catch up, reconcile); Ctrl-C again to abort.");
            out.flush();
        });
        long begin = System.nanoTime();
        LocalStack stack;
        try (DataDirLock lock = DataDirLock.acquire(settings.dataDir(), settings.startupTimeout().multipliedBy(4))) {
            PortOverrides.save(settings.dataDir(), settings.ports());
            ports.save(settings.dataDir());
            out.println("Starting the local stack in " + settings.dataDir() + " ...");
            out.flush();
            stack = LocalStack.start(settings, Service.values());
        }
        int code = 1;
        // restarts a server or service that dies, with backoff (inactive if an `up` daemon already supervises)
        Supervisor supervisor = Supervisor.start(stack, RestartPolicy.defaults());
        try {
            out.printf("Local stack up in %.1f s%n", (System.nanoTime() - begin) / 1e9);
            Demo.Result result = new Demo(stack, new Pipeline(stack, ports), demoOptions, out).run(stop::get);
            code = result.exitCode();
            out.printf("Demo finished in %d s.%n", (System.nanoTime() - begin) / 1_000_000_000L);
        } finally {
            supervisor.close();
            String dirOption = options.dataDir == null ? "" : " --data-dir " + settings.dataDir();
            if (keepRunning) {
                stack.detach();
                out.println("Left running (--keep-running). Try:\n"
                        + "  ./tributary status" + dirOption + "\n"
                        + "  ./tributary sql \"SELECT status, count(*) FROM silver.orders GROUP BY status\"" + dirOption + "\n"
                        + "  ./tributary psql" + dirOption + "\n"
                        + "  ./tributary tail orders" + dirOption + "\n"
                        + "  ./tributary down" + dirOption);
            } else {
                out.println("Shutting everything down ...");
                out.flush();
                try (DataDirLock lock = DataDirLock.acquire(settings.dataDir(), Duration.ofMinutes(5))) {
                    stack.stopAll();
                }
            }
            stack.close();
            out.flush();
        }
        return code;
    }
}
