package io.tributary.stack;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The servers of the local stack, in start order (a service only depends on services declared before it). Each
 * constant is the registration of one {@link ServerDefinition}: adding a server is a new class plus one line here.
 */
public enum Service {
    POSTGRES("postgres", "--postgres-port", PostgresServer::new),
    KAFKA("kafka", "--kafka-port", (settings, secrets) -> new KafkaServer(settings)),
    S3("s3", "--s3-port", S3ProxyServer::new),
    REGISTRY("schema-registry", "--registry-port", (settings, secrets) -> new RegistryServer(settings), KAFKA);

    private final String id;
    private final String portOption;
    private final BiFunction<StackSettings, Supplier<StackSecrets>, ServerDefinition> definition;
    private final List<Service> dependencies;

    Service(String id, String portOption, BiFunction<StackSettings, Supplier<StackSecrets>, ServerDefinition> definition,
            Service... dependencies) {
        this.id = id;
        this.portOption = portOption;
        this.definition = definition;
        this.dependencies = List.of(dependencies);
    }

    /** Stable lower-case name used for log files, pid files and the CLI ({@code postgres}, {@code schema-registry}, ...). */
    public String id() {
        return id;
    }

    /** The CLI option that changes this service's main port. */
    public String portOption() {
        return portOption;
    }

    /** Services that must be running before this one starts. */
    public List<Service> dependencies() {
        return dependencies;
    }

    /** How this server is prepared, started, probed and found, for one stack. */
    ServerDefinition define(StackSettings settings, Supplier<StackSecrets> secrets) {
        return definition.apply(settings, secrets);
    }

    /** Its processes in one stack: one per server, one per node of {@link StackSettings#kafkaCluster()} for Kafka. */
    List<ServerDefinition> defineNodes(StackSettings settings, Supplier<StackSecrets> secrets) {
        if (this == KAFKA) {
            return settings.kafkaCluster().nodes().stream().<ServerDefinition>map(n -> new KafkaServer(settings, n)).toList();
        }
        return List.of(define(settings, secrets));
    }

    /**
     * The service whose {@link #id()} is {@code name}, or {@link #KAFKA} for a further Kafka node ({@code kafka-2});
     * empty for a launched pipeline process.
     */
    static Optional<Service> named(String name) {
        if (KAFKA_NODE.matcher(name).matches()) {
            return Optional.of(KAFKA);
        }
        return Arrays.stream(values()).filter(s -> s.id.equals(name)).findFirst();
    }

    private static final Pattern KAFKA_NODE = Pattern.compile("kafka-[2-9]");

    /** Parses an id ({@code schema-registry}) or an enum name ({@code REGISTRY}), case-insensitively. */
    public static Service parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> s.id.equals(wanted) || s.name().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown service '" + text + "'; expected one of "
                        + Arrays.stream(values()).map(Service::id).toList()));
    }
}
