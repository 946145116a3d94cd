package io.tributary.cdc;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.tributary.cdc.config.CdcConfig;
import io.tributary.cdc.config.CdcSetting;
import io.tributary.configuration.ConfigException;
import io.tributary.configuration.SettingListing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cdc-engine}: captures the PostgreSQL WAL with embedded Debezium and writes every change to Kafka as
 * Confluent-framed Avro. Exit codes: 0 stopped on request, 1 failed (after bounded retries), 2 bad configuration.
 */
@Command(name = "cdc-engine", mixinStandardHelpOptions = true, version = "tributary cdc-engine 0.1.0",
        description = "Streams PostgreSQL changes (embedded Debezium, pgoutput) to Kafka as Avro (Confluent wire format).",
        footerHeading = "%nSettings (property key / environment variable, default):%n",
        subcommands = CdcEngineReset.class)
public final class CdcEngineMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(CdcEngineMain.class);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Properties file with tributary.*, debezium.* (engine) and kafka.* (producer) keys.")
    Path configFile;

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Set a property (highest precedence), e.g. -Dtributary.cdc.heartbeat.interval=5s.")
    Map<String, String> overrides = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the settings table as the help footer (wide, so that no line is wrapped). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CdcEngineMain());
        cli.setUsageHelpWidth(220);
        cli.getCommandSpec().usageMessage().footer(settingsHelp());
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        CdcConfig config;
        try {
            config = CdcConfig.load(configFile, System.getenv(), overrides);
        } catch (ConfigException e) {
            LOG.error("Invalid configuration: {}", e.getMessage());
            return 2;
        }
        CdcEngine engine = new CdcEngine(config);
        // SIGTERM / Ctrl-C: stop the engine, wait until offsets are flushed and the producer closed, then exit with
        // the engine's own code (0 for a clean stop) instead of the JVM's 143
        Thread hook = new Thread(() -> {
            engine.stop();
            try {
                Runtime.getRuntime().halt(engine.awaitFinished(java.time.Duration.ofSeconds(60)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cdc-engine-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return engine.run();
        } catch (Exception e) {
            io.tributary.cdc.pipeline.EngineStopException stop = io.tributary.cdc.pipeline.EngineStopException.find(e);
            if (stop != null) {
                LOG.debug("Cause of the stop", e);
                LOG.error("cdc-engine stopped: {}", stop.getMessage());
            } else {
                LOG.error("cdc-engine failed: {}", CdcEngine.rootMessage(e), e);
            }
            return 1;
        }
    }

    /** The settings table of --help, generated from {@link CdcSetting}. */
    static String settingsHelp() {
        StringBuilder out = new StringBuilder(SettingListing.render(CdcSetting.CATALOG));
        out.append(String.format("  debezium.<key>   passed to the Debezium engine (e.g. debezium.max.batch.size=2048)%n"));
        out.append(String.format("  kafka.<key>      passed to the Kafka producer and admin client (e.g. kafka.compression.type=gzip)%n"));
        return out.toString();
    }
}
