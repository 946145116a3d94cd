package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster id shared by every node, and a start with another number of nodes refused. */
class KafkaClusterLayoutTest {
    @TempDir
    Path dataDir;

    @Test
    void everyNodeIsFormattedWithTheIdTheFirstOneRecorded() throws Exception {
        KafkaClusterLayout layout = new KafkaClusterLayout(dataDir.resolve("kafka/cluster.properties"));
        String first = layout.clusterId(3, () -> "AAAAAAAAAAAAAAAAAAAAAA");
        String second = layout.clusterId(3, () -> "BBBBBBBBBBBBBBBBBBBBBB");
        assertThat(first).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(dataDir.resolve("kafka/cluster.properties"))).contains("nodes=3");
        layout.requireNodes(3);
    }

    @Test
    void anotherNumberOfNodesIsRefusedWithTheFix() throws Exception {
        KafkaClusterLayout layout = new KafkaClusterLayout(dataDir.resolve("kafka/cluster.properties"));
        layout.clusterId(3, () -> "AAAAAAAAAAAAAAAAAAAAAA");
        assertThatThrownBy(() -> layout.requireNodes(1))
                .hasMessageContaining("formatted for 3 nodes").hasMessageContaining("not 1")
                .hasMessageContaining("--kafka-brokers 3").hasMessageContaining(dataDir + "/kafka*");
    }

    @Test
    void aDataDirFormattedBeforeTheLayoutFileHoldsOneNode() throws Exception {
        KafkaClusterLayout layout = new KafkaClusterLayout(dataDir.resolve("kafka/cluster.properties"));
        layout.requireNodes(1);
        assertThatThrownBy(() -> layout.requireNodes(3)).hasMessageContaining("formatted for 1 node (");
    }
}
