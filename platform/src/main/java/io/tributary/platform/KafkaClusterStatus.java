package io.tributary.platform;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code status} shows of a Kafka cluster of several nodes: each broker (node id, address, pid, up or down) and
 * the partition leaders of the pipeline's topics (topic, partition, leader, in-sync replicas, replicas), as the
 * cluster's metadata (the AdminClient) reports them.
 *
 * @param brokers    the stack's nodes
 * @param partitions the partitions of the pipeline's topics, by topic and partition
 * @param error      why the metadata could not be read (no partitions then), or null
 */
record KafkaClusterStatus(List<Broker> brokers, List<Partition> partitions, String error) {

    /**
     * @param id      the KRaft node id
     * @param address {@code 127.0.0.1:<port>}
     * @param pid     its process, or null when it does not run
     * @param up      its process runs and answers
     */
    record Broker(int id, String address, Long pid, boolean up) {
    }

    /** @param leader the node leading it, or -1 when none can (too few replicas alive) */
    record Partition(String topic, int partition, int leader, List<Integer> isr, List<Integer> replicas) {
        /** Fewer in-sync replicas than replicas: a node is down or catching up. */
        boolean underReplicated() {
            return isr.size() < replicas.size();
        }
    }

    KafkaClusterStatus {
        brokers = List.copyOf(brokers);
        partitions = List.copyOf(partitions);
    }

    /** The lines {@code status} prints under the services. */
    String text() {
        StringBuilder out = new StringBuilder();
        long up = brokers.stream().filter(Broker::up).count();
        out.append("kafka cluster: ").append(brokers.size()).append(" brokers, ").append(up).append(" up\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NODE", "ADDRESS", "PID", "STATE"});
        brokers.forEach(b -> rows.add(new String[] {Integer.toString(b.id()), b.address(),
                b.pid() == null ? "-" : Long.toString(b.pid()), b.up() ? "up" : "down"}));
        out.append(TextTable.render(rows, "  "));
        if (error != null) {
            out.append("  partition leaders: unknown (").append(error).append(")\n");
            return out.toString();
        }
        if (partitions.isEmpty()) {
            out.append("  partition leaders: no pipeline topics yet\n");
            return out.toString();
        }
        List<String[]> leaders = new ArrayList<>();
        leaders.add(new String[] {"TOPIC", "PARTITION", "LEADER", "ISR", "REPLICAS"});
        partitions.forEach(p -> leaders.add(new String[] {p.topic(), Integer.toString(p.partition()),
                p.leader() < 0 ? "none" : Integer.toString(p.leader()), ids(p.isr()) + (p.underReplicated() ? " (under-replicated)" : ""),
                ids(p.replicas())}));
        out.append(TextTable.render(leaders, "  "));
        return out.toString();
    }

    /** The same facts under {@code kafka} of {@code status --json}. */
    void json(ObjectNode root) {
        ObjectNode kafka = root.putObject("kafka");
        ArrayNode nodes = kafka.putArray("brokers");
        for (Broker b : brokers) {
            ObjectNode node = nodes.addObject();
            node.put("nodeId", b.id());
            node.put("address", b.address());
            node.put("pid", b.pid()); // null when it does not run
            node.put("up", b.up());
        }
        ArrayNode parts = kafka.putArray("partitions");
        for (Partition p : partitions) {
            ObjectNode node = parts.addObject();
            node.put("topic", p.topic());
            node.put("partition", p.partition());
            node.put("leader", p.leader() < 0 ? null : Integer.valueOf(p.leader()));
            p.isr().forEach(node.putArray("isr")::add);
            p.replicas().forEach(node.putArray("replicas")::add);
        }
        kafka.put("error", error);
    }

    private static String ids(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
