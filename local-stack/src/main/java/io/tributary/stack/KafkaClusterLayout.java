package io.tributary.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * What the stack's Kafka logs were formatted for, kept in node 1's folder: the cluster id every node is formatted with
 * and the number of nodes (the KRaft voters). The voters of a formatted cluster cannot change here, so a start with
 * another {@value KafkaCluster#OPTION} is refused with the fix. A data dir formatted before this file existed holds one
 * node.
 */
final class KafkaClusterLayout {
    private static final String CLUSTER_ID = "cluster.id";
    private static final String NODES = "nodes";

    private final Path file;

    KafkaClusterLayout(Path file) {
        this.file = file;
    }

    /** The cluster id to format a node with: the recorded one, else a new one recorded with {@code nodes}. */
    String clusterId(int nodes, Supplier<String> newId) throws IOException {
        Properties p = read();
        if (p != null && p.getProperty(CLUSTER_ID) != null) {
            requireNodes(nodes, p);
            return p.getProperty(CLUSTER_ID);
        }
        Properties fresh = new Properties();
        fresh.setProperty(CLUSTER_ID, newId.get());
        fresh.setProperty(NODES, Integer.toString(nodes));
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            fresh.store(out, "The Kafka cluster of this data dir (written by the local stack when it formats node 1)");
        }
        return fresh.getProperty(CLUSTER_ID);
    }

    /** Refuses a cluster of {@code nodes} when the formatted logs hold another number of voters. */
    void requireNodes(int nodes) throws IOException {
        Properties p = read();
        if (p == null) {
            p = new Properties();
            p.setProperty(NODES, "1");
        }
        requireNodes(nodes, p);
    }

    private void requireNodes(int nodes, Properties p) {
        int formatted;
        try {
            formatted = Integer.parseInt(p.getProperty(NODES, "1").trim());
        } catch (NumberFormatException e) {
            throw new StackException(file + ": " + NODES + "=" + p.getProperty(NODES) + " is not a number of Kafka nodes");
        }
        if (formatted != nodes) {
            Path dataDir = file.getParent().getParent();
            throw new StackException("The Kafka logs under " + dataDir + " were formatted for " + formatted
                    + (formatted == 1 ? " node" : " nodes") + " (" + file + "), not " + nodes + ": a KRaft quorum's voters"
                    + " cannot change here. Start with " + KafkaCluster.OPTION + " " + formatted + ", or use another"
                    + " --data-dir, or stop the stack (tributary down) and delete " + dataDir + "/kafka* for an empty"
                    + " cluster of " + nodes);
        }
    }

    private Properties read() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }
}
