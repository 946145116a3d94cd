package io.tributary.platform;

import io.tributary.stack.StackPorts;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The ports a stack uses: an option given on the command line wins, then the ports the data dir was last started
 * with ({@code <data-dir>/stack.properties}, so {@code status} and {@code down} find a stack started with
 * {@code --postgres-port 25432}), then the documented defaults. The number of Kafka nodes ({@code --kafka-brokers}) is
 * remembered there too.
 */
record PortOverrides(Integer postgres, Integer kafka, Integer kafkaController, Integer registry, Integer s3,
        Integer scheduler) {
    static final String FILE = "stack.properties";
    private static final String KAFKA_BROKERS = "kafka.brokers";

    /** The servers' ports only; the scheduler's as saved or its default. */
    PortOverrides(Integer postgres, Integer kafka, Integer kafkaController, Integer registry, Integer s3) {
        this(postgres, kafka, kafkaController, registry, s3, null);
    }

    StackPorts resolve(Optional<StackPorts> saved) {
        StackPorts base = saved.orElse(StackPorts.DEFAULTS);
        return new StackPorts(
                postgres != null ? postgres : base.postgres(),
                kafka != null ? kafka : base.kafka(),
                kafkaController != null ? kafkaController : base.kafkaController(),
                registry != null ? registry : base.registry(),
                s3 != null ? s3 : base.s3(),
                scheduler != null ? scheduler : base.scheduler());
    }

    static Optional<StackPorts> load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(new StackPorts(port(p, "postgres.port", file), port(p, "kafka.port", file),
                    port(p, "kafka.controller.port", file), port(p, "registry.port", file), port(p, "s3.port", file),
                    // absent from a data dir started before the scheduler existed
                    p.containsKey("scheduler.port") ? port(p, "scheduler.port", file) : StackPorts.DEFAULT_SCHEDULER));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int port(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(file + ": key " + key + " is missing; delete the file to fall back to the default ports");
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + ": " + key + "=" + value + " is not a port number");
        }
    }

    /** The Kafka nodes the data dir was last started with: 1 when none were saved. */
    static int loadKafkaBrokers(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return 1;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        String value = p.getProperty(KAFKA_BROKERS, "1").trim();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + ": " + KAFKA_BROKERS + "=" + value + " is not a number of Kafka nodes; "
                    + "give --kafka-brokers or delete the line");
        }
    }

    /** Saves the ports of a stack of one Kafka node. */
    static void save(Path dataDir, StackPorts ports) {
        save(dataDir, ports, 1);
    }

    /** Saves the ports and the number of Kafka nodes a stack is started with. */
    static void save(Path dataDir, StackPorts ports, int kafkaBrokers) {
        Properties p = new Properties();
        p.setProperty(KAFKA_BROKERS, Integer.toString(kafkaBrokers));
        p.setProperty("postgres.port", Integer.toString(ports.postgres()));
        p.setProperty("kafka.port", Integer.toString(ports.kafka()));
        p.setProperty("kafka.controller.port", Integer.toString(ports.kafkaController()));
        p.setProperty("registry.port", Integer.toString(ports.registry()));
        p.setProperty("s3.port", Integer.toString(ports.s3()));
        p.setProperty("scheduler.port", Integer.toString(ports.scheduler()));
        try {
            Files.createDirectories(dataDir);
            try (Writer out = Files.newBufferedWriter(dataDir.resolve(FILE), StandardCharsets.UTF_8)) {
                p.store(out, "Ports and Kafka nodes of the last `tributary up` on this data dir (options override them)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + dataDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }
}
