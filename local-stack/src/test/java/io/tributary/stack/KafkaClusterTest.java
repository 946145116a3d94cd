package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The nodes, bootstrap list and broker configurations of one and of three KRaft nodes. */
class KafkaClusterTest {
    private static final StackPorts PORTS = StackPorts.DEFAULTS;

    @Test
    void oneNodeKeepsTodaysPortsNameAndReplicationOfOne() {
        KafkaCluster cluster = KafkaCluster.of(PORTS, 1);
        assertThat(cluster.nodes()).containsExactly(new KafkaNode(1, 19092, 19093));
        assertThat(cluster.node(1).name()).isEqualTo("kafka");
        assertThat(cluster.bootstrap()).isEqualTo("127.0.0.1:19092");
        Map<String, String> c = cluster.brokerConfig(cluster.node(1), Path.of("/d/kafka/data"));
        assertThat(c).containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("default.replication.factor", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1");
    }

    @Test
    void threeNodesAreThreeVotersOnTheirOwnPortsWithReplicationThreeAndMinIsrTwo() {
        KafkaCluster cluster = KafkaCluster.of(PORTS, 3);
        assertThat(cluster.nodes()).containsExactly(new KafkaNode(1, 19092, 19093), new KafkaNode(2, 19094, 19095),
                new KafkaNode(3, 19096, 19097));
        assertThat(cluster.nodes()).extracting(KafkaNode::name).containsExactly("kafka", "kafka-2", "kafka-3");
        assertThat(cluster.replicationFactor()).isEqualTo(3);
        assertThat(cluster.minInsyncReplicas()).isEqualTo(2);

        Map<String, String> c = cluster.brokerConfig(cluster.node(2), Path.of("/d/kafka-2/data"));
        assertThat(c).containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093,2@127.0.0.1:19095,3@127.0.0.1:19097")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19094,CONTROLLER://127.0.0.1:19095")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19094")
                .containsEntry("log.dirs", "/d/kafka-2/data")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("unclean.leader.election.enable", "false");
        // the nodes differ in their id, listeners and log dir only
        Map<String, String> first = cluster.brokerConfig(cluster.node(1), Path.of("/d/kafka/data"));
        assertThat(first.keySet()).isEqualTo(c.keySet());
        assertThat(first.entrySet().stream().filter(e -> !e.getValue().equals(c.get(e.getKey()))).map(Map.Entry::getKey))
                .containsExactlyInAnyOrder("node.id", "listeners", "advertised.listeners", "log.dirs");
    }

    @Test
    void everyClientGetsEveryBroker() {
        assertThat(KafkaCluster.of(new StackPorts(1, 25000, 26000, 4, 5, 6), 3).bootstrap())
                .isEqualTo("127.0.0.1:25000,127.0.0.1:25002,127.0.0.1:25004");
        StackSettings settings = StackSettings.builder(Path.of("/d")).projectRoot(Path.of("/p")).kafkaBrokers(3).build();
        assertThat(settings.kafkaCluster().bootstrap()).isEqualTo("127.0.0.1:19092,127.0.0.1:19094,127.0.0.1:19096");
        assertThat(new KafkaServer(settings, settings.kafkaCluster().node(3)).endpoint()).isEqualTo("127.0.0.1:19096");
    }

    @Test
    void aCountThatIsNoOddQuorumIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> KafkaCluster.of(PORTS, 2)).hasMessageContaining("--kafka-brokers must be 1, 3 or 5, got 2");
        assertThatThrownBy(() -> KafkaCluster.of(PORTS, 0)).hasMessageContaining("--kafka-brokers");
        assertThatThrownBy(() -> KafkaCluster.of(PORTS, 7)).hasMessageContaining("--kafka-brokers");
    }

    @Test
    void aNodePortOnAnotherServiceOrBeyondTheRangeIsRefused() {
        // node 2 would take 15432, PostgreSQL's
        assertThatThrownBy(() -> KafkaCluster.of(new StackPorts(15432, 15430, 15431, 18081, 19000), 3))
                .hasMessageContaining("Kafka node 2").hasMessageContaining("port 15432")
                .hasMessageContaining("--kafka-port");
        assertThatThrownBy(() -> KafkaCluster.of(new StackPorts(1, 65533, 65534, 4, 5, 6), 3))
                .hasMessageContaining("beyond 65535");
        // the controller run overlapping the broker run
        assertThatThrownBy(() -> KafkaCluster.of(new StackPorts(1, 20000, 20002, 4, 5, 6), 3))
                .hasMessageContaining("another service uses");
    }

    @Test
    void furtherNodesAreNamedAsKafkaForStopAndRestart() {
        assertThat(Service.named("kafka-2")).contains(Service.KAFKA);
        assertThat(Service.named("kafka")).contains(Service.KAFKA);
        assertThat(Service.named("kafka-load")).isEmpty();
    }
}
