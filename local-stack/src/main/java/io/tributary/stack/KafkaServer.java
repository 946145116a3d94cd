package io.tributary.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One KRaft node (broker + controller) in a child JVM, started with {@code kafka.Kafka} from the classpath that
 * local-stack embeds at build time (kafka is an optional dependency, so users of the stack never see it). The log
 * directory is formatted once with {@code kafka.tools.StorageTool} and never again.
 */
final class KafkaServer implements ServerDefinition {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaServer.class);
    static final String CLASSPATH_RESOURCE = "io/tributary/stack/kafka/runtime.classpath";

    private final StackSettings settings;

    KafkaServer(StackSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return Service.KAFKA.id();
    }

    @Override
    public Map<Integer, String> ports() {
        return Map.of(settings.ports().kafka(), Service.KAFKA.portOption(),
                settings.ports().kafkaController(), "--kafka-controller-port");
    }

    private Path home() {
        return settings.serviceDir(Service.KAFKA);
    }

    private Path logDir() {
        return home().resolve("data");
    }

    private Path serverProperties() {
        return home().resolve("conf/server.properties");
    }

    private Path log4jConfig() {
        return home().resolve("conf/log4j2.properties");
    }

    /** The broker configuration: one node, everything on 127.0.0.1, replication factors of 1. */
    static Map<String, String> brokerConfig(StackPorts ports, Path logDir) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", "1");
        c.put("controller.quorum.voters", "1@127.0.0.1:" + ports.kafkaController());
        c.put("listeners", "PLAINTEXT://127.0.0.1:" + ports.kafka() + ",CONTROLLER://127.0.0.1:" + ports.kafkaController());
        c.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports.kafka());
        c.put("controller.listener.names", "CONTROLLER");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("log.dirs", logDir.toString());
        c.put("num.partitions", "1");
        c.put("default.replication.factor", "1");
        c.put("min.insync.replicas", "1");
        c.put("offsets.topic.replication.factor", "1");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("group.initial.rebalance.delay.ms", "0");
        // after a SIGKILL the restarted broker can only register once its old session expired (default 9 s)
        c.put("broker.session.timeout.ms", "6000");
        c.put("broker.heartbeat.interval.ms", "1500");
        c.put("auto.create.topics.enable", "true");
        c.put("log.retention.hours", "168");
        c.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        return c;
    }

    @Override
    public void prepare() throws IOException {
        Files.createDirectories(serverProperties().getParent());
        Files.createDirectories(logDir());
        Files.writeString(serverProperties(), "# Written by the Tributary local stack on every start\n"
                + brokerConfig(settings.ports(), logDir()).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")) + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(log4jConfig(), LOG4J2_CONFIG, StandardCharsets.UTF_8);
        if (Files.exists(logDir().resolve("meta.properties"))) {
            return;
        }
        String clusterId = newClusterId();
        List<String> command = JavaCommand.of(List.of("-Xmx256m", "-Dlog4j2.configurationFile=" + log4jConfig()),
                settings.tmpDir(), classpath(), "kafka.tools.StorageTool",
                List.of("format", "--cluster-id=" + clusterId, "--config", serverProperties().toString(), "--ignore-formatted"));
        Files.createDirectories(settings.tmpDir());
        Path log = settings.logFile(Service.KAFKA.id());
        Files.createDirectories(log.getParent());
        try {
            Process format = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new StackException("Formatting the Kafka log dir " + logDir() + " failed; see " + log + ":\n"
                        + LogTail.of(log, 20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while formatting the Kafka log dir", e);
        }
        LOG.info("Formatted Kafka log dir {} (cluster id {})", logDir(), clusterId);
    }

    @Override
    public ProcessSpec processSpec() {
        List<String> jvm = new ArrayList<>(settings.kafkaJvmOptions());
        jvm.add("-Dlog4j2.configurationFile=" + log4jConfig());
        return new ProcessSpec(Service.KAFKA.id(),
                JavaCommand.of(jvm, settings.tmpDir(), classpath(), "kafka.Kafka", List.of(serverProperties().toString())),
                Map.of(), home(), settings.logFile(Service.KAFKA.id()), StopSignal.TERM);
    }

    @Override
    public Probe probe() {
        return KafkaApiVersionsProbe.probe("127.0.0.1", settings.ports().kafka(), Duration.ofSeconds(3));
    }

    @Override
    public Path dataDir() {
        return logDir();
    }

    @Override
    public String endpoint() {
        return "127.0.0.1:" + settings.ports().kafka();
    }

    /** A random Kafka cluster id: 16 bytes, URL-safe base64 without padding (22 characters). */
    /**
     * A random 16-byte id in Kafka's URL-safe base64 form. Like Kafka's own Uuid.randomUuid(), it never starts with
     * '-': the storage tool's argument parser would read such an id as an option.
     */
    static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    /** The broker's classpath: embedded in local-stack at build time, checked to exist. */
    static String classpath() {
        try (InputStream in = KafkaServer.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new StackException("Resource " + CLASSPATH_RESOURCE + " is missing from local-stack; rebuild it: "
                        + "./mvnw -q -pl local-stack install -DskipTests");
            }
            String cp = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            List<String> missing = Arrays.stream(cp.split(File.pathSeparator))
                    .filter(p -> !Files.exists(Path.of(p))).toList();
            if (!missing.isEmpty()) {
                throw new StackException("The Kafka broker classpath names missing jars (first: " + missing.get(0)
                        + "); run ./mvnw -q -pl local-stack install -DskipTests to resolve them again");
            }
            return cp;
        } catch (IOException e) {
            throw new StackException("Cannot read " + CLASSPATH_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static final String LOG4J2_CONFIG = """
            # Kafka broker logging (local stack): INFO to stdout, which the stack appends to logs/kafka.log
            status = warn
            # keep logging while Kafka's own shutdown hook runs (its controlled shutdown is worth reading)
            shutdownHook = disable
            appender.out.type = Console
            appender.out.name = STDOUT
            appender.out.layout.type = PatternLayout
            appender.out.layout.pattern = [%d{ISO8601}] %p %m (%c{1})%n
            rootLogger.level = INFO
            rootLogger.appenderRef.out.ref = STDOUT
            logger.statechange.name = state.change.logger
            logger.statechange.level = WARN
            logger.request.name = kafka.request.logger
            logger.request.level = WARN
            logger.network.name = org.apache.kafka.common.network
            logger.network.level = WARN
            logger.clients.name = org.apache.kafka.clients
            logger.clients.level = WARN
            """;
}
