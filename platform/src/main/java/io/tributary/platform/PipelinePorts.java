package io.tributary.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The /metrics ports of the pipeline services the CLI starts (docs/DEVELOPING.md: 18082 cdc-engine, 18083
 * lakehouse-job, 18084 simulator), remembered in {@code <data-dir>/pipeline.properties} so that {@code status} finds
 * them.
 */
record PipelinePorts(int cdcEngine, int lakehouseJob, int simulator) {
    /** The defaults, as constants for the commands' option annotations. */
    static final int DEFAULT_CDC_ENGINE = 18082;
    static final int DEFAULT_LAKEHOUSE_JOB = 18083;
    static final int DEFAULT_SIMULATOR = 18084;
    static final PipelinePorts DEFAULTS = new PipelinePorts(DEFAULT_CDC_ENGINE, DEFAULT_LAKEHOUSE_JOB, DEFAULT_SIMULATOR);
    static final String FILE = "pipeline.properties";

    static PipelinePorts load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return DEFAULTS;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return new PipelinePorts(port(p, "cdc-engine.metrics.port", DEFAULTS.cdcEngine(), file),
                    port(p, "lakehouse-job.metrics.port", DEFAULTS.lakehouseJob(), file),
                    port(p, "simulator.metrics.port", DEFAULTS.simulator(), file));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int port(Properties p, String key, int fallback, Path file) {
        String v = p.getProperty(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + ": " + key + "=" + v + " is not a port number; fix or delete the file");
        }
    }

    void save(Path dataDir) {
        Properties p = new Properties();
        p.setProperty("cdc-engine.metrics.port", Integer.toString(cdcEngine));
        p.setProperty("lakehouse-job.metrics.port", Integer.toString(lakehouseJob));
        p.setProperty("simulator.metrics.port", Integer.toString(simulator));
        try {
            Files.createDirectories(dataDir);
            try (Writer out = Files.newBufferedWriter(dataDir.resolve(FILE), StandardCharsets.UTF_8)) {
                p.store(out, "/metrics ports of the pipeline services started by tributary demo");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + dataDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The metrics port of a pipeline process by its name, or -1 for other processes. */
    int portOf(String processName) {
        return switch (processName) {
            case Pipeline.CDC_ENGINE -> cdcEngine;
            case Pipeline.LAKEHOUSE_JOB -> lakehouseJob;
            case Pipeline.SIMULATOR -> simulator;
            default -> -1;
        };
    }
}
