package io.tributary.cdc;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.tributary.cdc.config.CdcConfig;
import io.tributary.cdc.config.PostgresLogin;
import io.tributary.cdc.pipeline.KafkaClientProperties;
import io.tributary.cdc.slot.LiveKeyDeletes;
import io.tributary.cdc.slot.SlotReset;
import io.tributary.serde.CachingSchemaRegistryClient;
import io.tributary.serde.ConfluentAvroDeserializer;
import io.tributary.serde.ConfluentAvroSerializer;
import io.tributary.serde.RegistryClientSettings;
import io.tributary.serde.SerializerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import io.tributary.configuration.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cdc-engine reset}: for a stopped engine whose slot was lost (dropped, invalidated, re-created). Drops the slot
 * and moves the offsets file aside; the next start re-snapshots every captured table. {@code ./tributary cdc reset}
 * runs it between stopping and starting cdc-engine.
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Discard cdc-engine's position: write a delete for every key still live in the change topics, drop "
                + "the replication slot (tributary.cdc.slot) and move the offsets file (tributary.cdc.offsets.file) "
                + "aside to <file>.before-reset-<time>.",
                "The next start creates the slot and re-snapshots every captured table, then streams from exactly that "
                        + "point. Run it with cdc-engine stopped (refused while a process streams from the slot), with "
                        + "the engine's own settings. Exit 0 done, 1 refused or failed, 2 bad configuration."})
final class CdcEngineReset implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Properties file, as for the engine.")
    Path configFile;

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "", description = "Set a property, as for the engine.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CdcConfig config;
        try {
            config = CdcConfig.load(configFile, System.getenv(), overrides);
        } catch (ConfigException e) {
            err.println("cdc-engine reset: invalid configuration: " + e.getMessage());
            return 2;
        }
        try {
            SlotReset reset = new SlotReset(config.jdbcUrl(), PostgresLogin.of(config.cdcUser(),
                    config.cdcPassword().value(), "tributary-cdc-reset", 30), config.slot(), config.offsetsFile());
            long lsn = reset.checkStopped();
            CachingSchemaRegistryClient registry = new CachingSchemaRegistryClient(config.schemaRegistryUrl(),
                    RegistryClientSettings.defaults());
            Properties kafka = new KafkaClientProperties(config).admin();
            List<String> steps = new ArrayList<>(new LiveKeyDeletes(kafka, new ConfluentAvroDeserializer(registry),
                    new ConfluentAvroSerializer(registry, SerializerSettings.defaults()), config.topicPrefix(),
                    config.schemas(), config.pgDatabase(), config.sendTimeout()).write(lsn, System.currentTimeMillis()));
            steps.addAll(reset.discard(Instant.now()));
            for (String step : steps) {
                out.println("cdc-engine reset: " + step);
            }
            out.flush();
            return 0;
        } catch (Exception e) {
            err.println("cdc-engine reset: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
