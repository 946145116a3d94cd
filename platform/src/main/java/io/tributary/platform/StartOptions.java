package io.tributary.platform;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options only a command that starts servers uses (a picocli mixin of {@code up}, {@code demo}, {@code chaos} and
 * {@code supervise}): the KRaft controller's port and how long a server may take to become healthy. Other commands
 * find a running stack with {@link StackOptions} alone.
 */
final class StartOptions {
    static final String DEFAULT_STARTUP_TIMEOUT = "120s";

    @Option(names = "--kafka-controller-port", paramLabel = "<port>", description = "KRaft controller port (default 19093).")
    Integer kafkaControllerPort;

    @Option(names = "--kafka-brokers", paramLabel = "<n>",
            description = "Kafka nodes: 1, or 3 for a KRaft cluster of three, each broker and controller, node n on"
                    + " --kafka-port + 2(n-1) (19092, 19094, 19096); topics replicated 3 times with min.insync.replicas 2,"
                    + " every client given all brokers (docs/scaling.md). Default: as the data dir was last started, else 1.")
    Integer kafkaBrokers;

    @Option(names = "--startup-timeout", paramLabel = "<duration>", defaultValue = DEFAULT_STARTUP_TIMEOUT,
            description = "How long each server may take to become healthy, e.g. 90s or 2m (default ${DEFAULT-VALUE}).")
    String startupTimeout = DEFAULT_STARTUP_TIMEOUT;

    /** What a command without these options uses: the saved or default controller port and brokers, the default timeout. */
    static StartOptions defaults() {
        return new StartOptions();
    }

    Duration timeout() {
        return DurationText.parse(startupTimeout, "--startup-timeout");
    }
}
