package io.tributary.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The TCP ports of the local stack, all bound on 127.0.0.1.
 *
 * @param postgres          PostgreSQL
 * @param kafka             Kafka broker listener (the bootstrap address)
 * @param kafkaController   KRaft controller listener
 * @param registry          schema registry HTTP
 * @param s3                S3Proxy HTTP
 * @param scheduler         the scheduler stage's /metrics and /health
 */
public record StackPorts(int postgres, int kafka, int kafkaController, int registry, int s3, int scheduler) {

    /** The scheduler's documented default, for the servers-only form. */
    public static final int DEFAULT_SCHEDULER = 18085;

    /** The documented defaults of docs/DEVELOPING.md. */
    public static final StackPorts DEFAULTS = new StackPorts(15432, 19092, 19093, 18081, 19000, DEFAULT_SCHEDULER);

    /**
     * Every port this JVM handed out: a port is free until its server binds it, so without this two callers (a stack's
     * ports, then a test's /metrics ports) could be given the same one (DemoIT once got its Kafka controller's port
     * for the simulator's /metrics).
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    public StackPorts {
        check(postgres, "--postgres-port");
        check(kafka, "--kafka-port");
        check(kafkaController, "--kafka-controller-port");
        check(registry, "--registry-port");
        check(s3, "--s3-port");
        check(scheduler, "--scheduler-port");
        Set<Integer> seen = new HashSet<>();
        for (int p : new int[] {postgres, kafka, kafkaController, registry, s3, scheduler}) {
            if (!seen.add(p)) {
                throw new IllegalArgumentException("Port " + p + " is configured for two services; give each service its own port");
            }
        }
    }

    private static void check(int port, String option) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(option + " must be between 1 and 65535, got " + port);
        }
    }

    /** The servers' ports, the scheduler on its default. */
    public StackPorts(int postgres, int kafka, int kafkaController, int registry, int s3) {
        this(postgres, kafka, kafkaController, registry, s3, DEFAULT_SCHEDULER);
    }

    /**
     * Free ports for a test stack of {@code kafkaNodes} Kafka nodes: the Kafka ports where node n's
     * ({@code kafka + 2(n-1)}, {@code kafkaController + 2(n-1)}) are free as well, the others elsewhere.
     */
    public static StackPorts free(int kafkaNodes) {
        for (int attempt = 0; attempt < 200; attempt++) {
            StackPorts ports = free();
            int first = ports.kafka();
            boolean free = first + 2 * kafkaNodes <= FREE_PORT_MAX;
            // not handed out (the other ports of this stack among them) and free
            for (int p = first + 1; free && p < first + 2 * kafkaNodes; p++) {
                free = !HANDED_OUT.contains(p) && PortAvailability.isFree(p);
            }
            if (free) {
                for (int p = first + 1; p < first + 2 * kafkaNodes; p++) {
                    HANDED_OUT.add(p);
                }
                return new StackPorts(ports.postgres(), first, first + 1, ports.registry(), ports.s3(), ports.scheduler());
            }
        }
        throw new StackException("Cannot find " + 2 * kafkaNodes + " consecutive free TCP ports on 127.0.0.1");
    }

    /** Six distinct free ports on 127.0.0.1, for tests. */
    public static StackPorts free() {
        return new StackPorts(freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
    }

    /**
     * A port that was free on 127.0.0.1 a moment ago, chosen at random below Linux's ephemeral range (32768+): a port
     * picked there could be taken by any outgoing client connection before the server binds it.
     */
    public static int freePort() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(FREE_PORT_MIN, FREE_PORT_MAX);
            if (!HANDED_OUT.contains(port) && PortAvailability.isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new StackException("Cannot find a free TCP port on 127.0.0.1", e);
            }
        }
        throw new StackException("Cannot find a free TCP port on 127.0.0.1 that was not handed out already");
    }

    static final int FREE_PORT_MIN = 20000;
    static final int FREE_PORT_MAX = 32000;
}
