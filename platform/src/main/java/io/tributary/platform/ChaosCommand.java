package io.tributary.platform;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Run the demo's pipeline under fire, then check that nothing was lost.",
                "With the supervisor on, it starts the stack, loads csv-data/, creates a large table and kills -9",
                "cdc-engine during its initial snapshot, then, while the simulator writes at",
                "--rate, inject --kills faults at seeded random moments, chosen among: kill -9 cdc-engine, kill -9",
                "lakehouse-job (also inside a batch), kill -9 the Kafka broker, restart PostgreSQL, stop the registry",
                "(--registry-outage), stop S3 (--s3-outage), poison records into a CDC topic, a new table with edge",
                "values (numeric without precision, timestamps of years 1 and 9999), an incompatible column change",
                "(TYPE text, then SET NOT NULL: cdc-engine parks the table, then schema accept and resume), a lake",
                "write refused by a CHECK constraint on a silver table (the lakehouse job parks the table, then the",
                "constraint is dropped and the table resumed; the shop's tables must keep flowing into the lake",
                "meanwhile). Then stop the simulator,",
                "wait for the lake, reconcile, count the quarantine, optionally stay idle (--idle) while watching the",
                "slot's retained WAL, and print ONE summary line (CHAOS ...). The same --seed gives the same faults.",
                "Exit code 0 only if reconcile is equal, the quarantine holds exactly the injected poison, every parked",
                "table was resumed and the idle WAL stayed within its bound; 3 if the lake differs; 4 if tables stay",
                "parked; 1 otherwise."})
final class ChaosCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Mixin
    StartOptions start;

    @Mixin
    PipelineOptions pipeline;

    @Mixin
    SuperviseCommand.SupervisionOptions supervision;

    @Option(names = "--kills", defaultValue = "20", description = "Faults during the storm (default ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--duration", defaultValue = "10m", description = "How long the storm lasts at least: the faults are spread over it, and the simulator writes until this time has passed and the last fault is done (default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--rate", defaultValue = "200", description = "Row changes per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seed", description = "Seed of the fault plan (default: random, printed).")
    Long seed;

    @Option(names = "--schema-changes", description = "Let the simulator ALTER its tables during the storm.")
    boolean schemaChanges;

    @Option(names = "--registry-outage", defaultValue = "30s", description = "How long the registry stays stopped (default ${DEFAULT-VALUE}).")
    String registryOutage;

    @Option(names = "--s3-outage", defaultValue = "60s", description = "How long S3 stays stopped (default ${DEFAULT-VALUE}).")
    String s3Outage;

    @Option(names = "--snapshot-rows", defaultValue = "100000",
            description = "Rows of shop.chaos_bulk, the large table cdc-engine is killed while snapshotting (default ${DEFAULT-VALUE}).")
    int snapshotRows;

    @Option(names = "--idle", defaultValue = "0", description = "After reconcile, stay idle this long (e.g. 10m) sampling the slot's"
            + " retained WAL; 0 skips it (default ${DEFAULT-VALUE}).")
    String idle;

    @Option(names = "--idle-wal-bound-mib", defaultValue = "64",
            description = "Fail when the slot retains more WAL than this while idle, in MiB (default ${DEFAULT-VALUE}).")
    int idleWalBoundMib;

    @Option(names = "--status-interval", defaultValue = "10s", description = "How often the live status line is printed (default ${DEFAULT-VALUE}).")
    String statusInterval;

    @Override
    public Integer call() {
        Chaos.Options chaosOptions = chaosOptions();
        RunningStack running = options.stack(start);
        PipelinePorts ports = pipeline.ports();
        var out = options.out();
        StackSession session = new StackSession(running.settings(), out).onCtrlC("ending the storm");
        String dirOption = running.dataDirOption();
        ChaosReport report = null;
        try {
            report = session.run(ports, pipeline.keepRunning, "./tributary status" + dirOption + "   ./tributary down" + dirOption,
                    stack -> new Chaos(stack, new Pipeline(stack, ports), chaosOptions, out).run(session::stopRequested));
        } finally {
            out.printf("Chaos finished in %d s.%n", session.seconds());
            if (report != null) {
                out.println(report.line());
                new LastRuns(running.dataDir()).saveChaos(report.line());
            }
            out.flush();
        }
        return report.exitCode();
    }

    Chaos.Options chaosOptions() {
        if (rate <= 0 || kills < 0 || snapshotRows <= 0 || idleWalBoundMib <= 0) {
            throw new IllegalArgumentException("--rate, --snapshot-rows and --idle-wal-bound-mib must be positive and --kills >= 0;"
                    + " got rate " + rate + ", snapshot rows " + snapshotRows + ", idle WAL bound " + idleWalBoundMib + ", kills " + kills);
        }
        long chosenSeed = seed != null ? seed : new SecureRandom().nextLong();
        Duration idleFor = "0".equals(idle.strip()) ? Duration.ZERO : DurationText.parse(idle, "--idle");
        return new Chaos.Options(DurationText.parse(duration, "--duration"), kills, rate, chosenSeed, schemaChanges,
                DurationText.parse(registryOutage, "--registry-outage"), DurationText.parse(s3Outage, "--s3-outage"), snapshotRows,
                idleFor, idleWalBoundMib * 1024L * 1024L, DurationText.parse(pipeline.catchUpTimeout, "--catch-up-timeout"),
                DurationText.parse(statusInterval, "--status-interval"), supervision.policy());
    }
}
