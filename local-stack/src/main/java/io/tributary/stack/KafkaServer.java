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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One KRaft node (broker + controller) in a child JVM, started with {@code kafka.Kafka} from the classpath that
 * local-stack embeds at build time (kafka is an optional dependency, so users of the stack never see it). The log
 * directory is formatted once with {@code kafka.tools.StorageTool} and never again. Node 1 lives under
 * {@code <data-dir>/kafka}, node n of a larger {@link KafkaCluster} under {@code <data-dir>/kafka-n}; every node is
 * formatted with the cluster id that node 1's folder keeps in {@value #LAYOUT_FILE}.
 */
final class KafkaServer implements ServerDefinition {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaServer.class);
    static final String CLASSPATH_RESOURCE = "io/tributary/stack/kafka/runtime.classpath";
    /** In node 1's folder: the cluster id and the number of nodes its logs were formatted for. */
    static final String LAYOUT_FILE = "cluster.properties";

    private final StackSettings settings;
    private final KafkaNode node;

    /** Node 1 of the settings' cluster. */
    KafkaServer(StackSettings settings) {
        this(settings, settings.kafkaCluster().node(1));
    }

    KafkaServer(StackSettings settings, KafkaNode node) {
        this.settings = settings;
        this.node = node;
    }

    @Override
    public String name() {
        return node.name();
    }

    @Override
    public Map<Integer, String> ports() {
        return Map.of(node.port(), Service.KAFKA.portOption(), node.controllerPort(), "--kafka-controller-port");
    }

    private Path home() {
        return settings.dataDir().resolve(node.name());
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

    /** The configuration of a one-node cluster on {@code ports}. */
    static Map<String, String> brokerConfig(StackPorts ports, Path logDir) {
        KafkaCluster single = KafkaCluster.of(ports, 1);
        return single.brokerConfig(single.node(1), logDir);
    }

    @Override
    public void prepare() throws IOException {
        Files.createDirectories(serverProperties().getParent());
        Files.createDirectories(logDir());
        Files.writeString(serverProperties(), "# Written by the Tributary local stack on every start\n"
                + settings.kafkaCluster().brokerConfig(node, logDir()).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")) + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(log4jConfig(), LOG4J2_CONFIG, StandardCharsets.UTF_8);
        KafkaClusterLayout layout = new KafkaClusterLayout(settings.serviceDir(Service.KAFKA).resolve(LAYOUT_FILE));
        if (Files.exists(logDir().resolve("meta.properties"))) {
            layout.requireNodes(settings.kafkaCluster().size());
            return;
        }
        String clusterId = layout.clusterId(settings.kafkaCluster().size(), KafkaServer::newClusterId);
        List<String> command = JavaCommand.of(List.of("-Xmx256m", "-Dlog4j2.configurationFile=" + log4jConfig()),
                settings.tmpDir(), classpath(), "kafka.tools.StorageTool",
                List.of("format", "--cluster-id=" + clusterId, "--config", serverProperties().toString(), "--ignore-formatted"));
        Files.createDirectories(settings.tmpDir());
        Path log = settings.logFile(node.name());
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
        LOG.info("Formatted Kafka log dir {} (node {}, cluster id {})", logDir(), node.id(), clusterId);
    }

    @Override
    public ProcessSpec processSpec() {
        List<String> jvm = new ArrayList<>(settings.kafkaJvmOptions());
        jvm.add("-Dlog4j2.configurationFile=" + log4jConfig());
        return new ProcessSpec(node.name(),
                JavaCommand.of(jvm, settings.tmpDir(), classpath(), "kafka.Kafka", List.of(serverProperties().toString())),
                Map.of(), home(), settings.logFile(node.name()), StopSignal.TERM);
    }

    @Override
    public Probe probe() {
        return KafkaApiVersionsProbe.probe("127.0.0.1", node.port(), Duration.ofSeconds(3));
    }

    @Override
    public Path dataDir() {
        return logDir();
    }

    @Override
    public String endpoint() {
        return node.endpoint();
    }

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
