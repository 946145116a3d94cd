package io.tributary.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stack's KRaft cluster: one node (today's default) or several, each broker and controller, every node a voter of
 * the quorum. Node {@code n} listens on {@code --kafka-port + 2(n-1)} and {@code --kafka-controller-port + 2(n-1)}
 * (defaults 19092/19093, 19094/19095, 19096/19097). With three nodes or more, topics are replicated three times and a
 * write needs two in-sync replicas, so one node may die without losing an acknowledged record.
 *
 * @param nodes the nodes, node 1 first
 */
public record KafkaCluster(List<KafkaNode> nodes) {
    /** The option that sets the number of nodes. */
    public static final String OPTION = "--kafka-brokers";
    static final int MAX_NODES = 5;

    public KafkaCluster {
        nodes = List.copyOf(nodes);
    }

    /**
     * The cluster of {@code brokers} nodes on {@code ports}; an error naming {@value #OPTION} when the count is not
     * 1, 3 or 5, or a node's port leaves the TCP range or is another service's.
     */
    public static KafkaCluster of(StackPorts ports, int brokers) {
        if (brokers < 1 || brokers > MAX_NODES || brokers % 2 == 0) {
            throw new IllegalArgumentException(OPTION + " must be 1, 3 or 5, got " + brokers
                    + " (every node is a KRaft controller: a quorum of 3 survives one node down, of 5 two)");
        }
        List<Integer> others = List.of(ports.postgres(), ports.registry(), ports.s3(), ports.scheduler());
        List<KafkaNode> nodes = new ArrayList<>();
        List<Integer> taken = new ArrayList<>();
        for (int id = 1; id <= brokers; id++) {
            KafkaNode node = new KafkaNode(id, ports.kafka() + 2 * (id - 1), ports.kafkaController() + 2 * (id - 1));
            for (int port : new int[] {node.port(), node.controllerPort()}) {
                if (port > 65535 || others.contains(port) || taken.contains(port)) {
                    throw new IllegalArgumentException("Kafka node " + id + " of " + OPTION + " " + brokers + " would listen on port "
                            + port + (port > 65535 ? ", beyond 65535" : ", which another service uses")
                            + "; node n listens on --kafka-port + 2(n-1) and --kafka-controller-port + 2(n-1): choose"
                            + " --kafka-port and --kafka-controller-port with room for that");
                }
                taken.add(port);
            }
            nodes.add(node);
        }
        return new KafkaCluster(nodes);
    }

    public int size() {
        return nodes.size();
    }

    public KafkaNode node(int id) {
        return nodes.stream().filter(n -> n.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No Kafka node " + id + " in a cluster of " + size()));
    }

    /** What every client is given: all the brokers, {@code 127.0.0.1:19092,127.0.0.1:19094,...}. */
    public String bootstrap() {
        return nodes.stream().map(KafkaNode::endpoint).collect(Collectors.joining(","));
    }

    /** Replicas of a topic: 1 on one node, else 3 (at most the nodes there are). */
    public int replicationFactor() {
        return Math.min(3, size());
    }

    /** In-sync replicas an acks=all write needs: 1 on one node, else 2 (one replica may be down). */
    public int minInsyncReplicas() {
        return replicationFactor() == 1 ? 1 : replicationFactor() - 1;
    }

    /** {@code 1@127.0.0.1:19093,2@127.0.0.1:19095,...}: every node votes. */
    String quorumVoters() {
        return nodes.stream().map(n -> n.id() + "@127.0.0.1:" + n.controllerPort()).collect(Collectors.joining(","));
    }

    /** The configuration of {@code node}: everything on 127.0.0.1, replication as {@link #replicationFactor()} says. */
    Map<String, String> brokerConfig(KafkaNode node, Path logDir) {
        String replicas = Integer.toString(replicationFactor());
        String minIsr = Integer.toString(minInsyncReplicas());
        Map<String, String> c = new LinkedHashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", Integer.toString(node.id()));
        c.put("controller.quorum.voters", quorumVoters());
        c.put("listeners", "PLAINTEXT://127.0.0.1:" + node.port() + ",CONTROLLER://127.0.0.1:" + node.controllerPort());
        c.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + node.port());
        c.put("controller.listener.names", "CONTROLLER");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("log.dirs", logDir.toString());
        c.put("num.partitions", "1");
        c.put("default.replication.factor", replicas);
        c.put("min.insync.replicas", minIsr);
        c.put("offsets.topic.replication.factor", replicas);
        c.put("transaction.state.log.replication.factor", replicas);
        c.put("transaction.state.log.min.isr", minIsr);
        c.put("share.coordinator.state.topic.replication.factor", replicas);
        c.put("share.coordinator.state.topic.min.isr", minIsr);
        c.put("group.initial.rebalance.delay.ms", "0");
        // a replica that cannot be elected cleanly stays out: an acknowledged record is never lost to a stale leader
        c.put("unclean.leader.election.enable", "false");
        // after a SIGKILL the restarted broker can only register once its old session expired (default 9 s)
        c.put("broker.session.timeout.ms", "6000");
        c.put("broker.heartbeat.interval.ms", "1500");
        c.put("auto.create.topics.enable", "true");
        c.put("log.retention.hours", "168");
        c.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        return c;
    }
}
