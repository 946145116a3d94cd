package io.tributary.simulator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tributary.configuration.ConfigException;
import io.tributary.configuration.SettingSource;
import io.tributary.configuration.SettingValues;
import io.tributary.simulator.db.PgSettings;
import io.tributary.simulator.db.RetryPolicy;
import io.tributary.simulator.load.Identifier;
import io.tributary.simulator.run.BusinessSimulator;
import io.tributary.simulator.run.Mix;
import io.tributary.simulator.run.RunMode;
import io.tributary.simulator.run.RunSettings;
import io.tributary.simulator.run.SimulationFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code simulator run}: the shop's business as a stream of inserts, updates, deletes and schema changes; or, with
 * {@code --mode bulk}, the benchmark load (multi-row statements, batches of row changes per transaction).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the shop on the loaded tables: sign-ups, orders with stock updates, order status"
                + " changes, cancellations, price and stock changes, moves, erasures; optionally schema changes.",
                "--mode bulk writes the same kinds of change as multi-row statements, --batch-size row changes per"
                        + " transaction, for benchmarks (e.g. --mode bulk --rate 20000 --workers 4 --batch-size 500).",
                "Prints progress to the log and a JSON summary to stdout at the end (also on Ctrl-C)."})
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--rate", defaultValue = "100", description = "row changes per second, or max for as fast as the"
            + " database takes them (default: ${DEFAULT-VALUE})")
    String rate;

    @Option(names = "--mode", defaultValue = "business", description = "business: one business event at a time"
            + " (baskets with stock, status steps, erasures, schema changes); bulk: benchmark load, the same kinds of"
            + " change as multi-row statements, --batch-size row changes per transaction (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--batch-size", description = "--mode bulk: row changes per transaction (default: "
            + RunSettings.DEFAULT_BATCH_SIZE + ")")
    Integer batchSize;

    @Option(names = "--duration", converter = DurationParser.class,
            description = "how long to run, e.g. 60s, 10m (default: until stopped or --max-changes)")
    Duration duration;

    @Option(names = "--max-changes", defaultValue = "0", description = "stop after this many row changes (0 = no limit)")
    long maxChanges;

    @Option(names = "--mix", description = "event weights; defaults signup=6,order=24,advance=45,cancel=4,price=5,"
            + "restock=4,move=6,erase=1,burst=1 (unnamed kinds keep their default, 0 switches one off)")
    String mix;

    @Option(names = "--seed", description = "random seed; the same seed on the same data gives the same events"
            + " (default: random, logged)")
    Long seed;

    @Option(names = "--workers", defaultValue = "1", description = "connections writing in parallel, for rates above"
            + " ~800 changes/s; 1 keeps a seeded run exactly repeatable (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--events-per-tx", defaultValue = "1", description = "business events per transaction; more means"
            + " fewer commits per change, for high rates (default: ${DEFAULT-VALUE})")
    int eventsPerTransaction;

    @Option(names = "--no-bursts", description = "no flash sales (big multi-order transactions)")
    boolean noBursts;

    @Option(names = "--schema-changes", description = "add a column, widen two types and drop the added column during the run")
    boolean schemaChanges;

    @Option(names = "--progress-interval", defaultValue = "10s", converter = DurationParser.class,
            description = "how often to log progress (default: ${DEFAULT-VALUE})")
    Duration progressInterval;

    @Option(names = "--metrics-port", description = "port of the Prometheus /metrics endpoint, 0 = off"
            + " (default: $TRIBUTARY_SIMULATOR_METRICS_PORT or 18084)")
    String metricsPort;

    @Option(names = "--metrics-host", description = "address of /metrics: 127.0.0.1, or 0.0.0.0 inside a container"
            + " (default: $TRIBUTARY_SIMULATOR_METRICS_HOST or 127.0.0.1)")
    String metricsHost;

    @Option(names = "--summary-file", description = "also write the JSON summary to this file")
    Path summaryFile;

    @Option(names = "--audit-file", description = "write every order status transition to this CSV file")
    Path auditFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunSettings settings;
        PgSettings pg;
        try {
            RunMode runMode = parseMode(mode);
            if (runMode == RunMode.BULK && (mix != null || noBursts)) {
                throw new IllegalArgumentException("--mix and --no-bursts apply to --mode business; --mode bulk has"
                        + " fixed shares (see docs/simulator.md, 'Bulk mode')");
            }
            if (runMode == RunMode.BUSINESS && batchSize != null) {
                throw new IllegalArgumentException("--batch-size applies to --mode bulk; the business mode groups"
                        + " events with --events-per-tx");
            }
            Mix parsed = Mix.parse(noBursts ? join(mix, "burst=0") : mix);
            Identifier schema = Identifier.parse(connection.schema).orElseThrow(() ->
                    new IllegalArgumentException("--schema '" + connection.schema + "': " + Identifier.RULE));
            long actualSeed = seed != null ? seed : System.nanoTime();
            SettingValues own = ownSettings(System.getenv(), metricsPort, metricsHost);
            settings = new RunSettings(schema, parseRate(rate), duration, maxChanges, parsed, actualSeed, workers,
                    eventsPerTransaction, runMode, batchSize != null ? batchSize : RunSettings.DEFAULT_BATCH_SIZE,
                    schemaChanges,
                    progressInterval, own.get(SimulatorSettings.METRICS_HOST),
                    own.get(SimulatorSettings.METRICS_PORT), summaryFile, auditFile, RetryPolicy.standard());
            pg = connection.settings();
        } catch (IllegalArgumentException | ConfigException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        BusinessSimulator simulator = new BusinessSimulator(() -> pg.connect("tributary-simulator"), settings);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            simulator.requestStop();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Map<String, Object> summary = simulator.run();
            String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary);
            spec.commandLine().getOut().println(json);
            spec.commandLine().getOut().flush();
            if (summaryFile != null) {
                Files.writeString(summaryFile, json + "\n");
            }
            return ExitCodes.OK;
        } catch (SimulationFailedException | IllegalStateException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            LOG.debug("Run failed", e);
            return ExitCodes.FAILURE;
        } catch (SQLException e) {
            spec.commandLine().getErr().println("error: cannot start the run as " + pg + ": " + e.getMessage()
                    + " (SQLState " + e.getSQLState() + ")");
            return ExitCodes.FAILURE;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting (Ctrl-C): the hook is running and waits for the latch above
            }
        }
    }

    /**
     * The {@code TRIBUTARY_SIMULATOR_*} settings of {@code run}, options winning over the environment; a
     * {@link ConfigException} lists every problem, an unknown {@code TRIBUTARY_SIMULATOR_*} variable among them.
     */
    static SettingValues ownSettings(Map<String, String> env, String metricsPort, String metricsHost) {
        Map<String, String> options = new TreeMap<>();
        if (metricsPort != null) {
            options.put(SimulatorSettings.METRICS_PORT.key(), metricsPort);
        }
        if (metricsHost != null) {
            options.put(SimulatorSettings.METRICS_HOST.key(), metricsHost);
        }
        SettingValues values = SimulatorSettings.CATALOG.parse(List.of(SettingSource.keys("command line", options),
                SettingSource.environment(env)));
        values.throwIfInvalid();
        return values;
    }

    /** {@code max} (any case) = as fast as possible, else a number of row changes per second. */
    static double parseRate(String text) {
        if ("max".equalsIgnoreCase(text.trim())) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rate '" + text + "' is neither a number of row changes per second"
                    + " nor max (as fast as possible)");
        }
    }

    static RunMode parseMode(String text) {
        for (RunMode m : RunMode.values()) {
            if (m.key().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("--mode '" + text + "': use business or bulk");
    }

    private static String join(String mix, String extra) {
        return mix == null || mix.isBlank() ? extra : mix + "," + extra;
    }
}
