package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.stack.ServiceStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

/** How {@code status} shows a Kafka cluster: its brokers, then the partition leaders of the pipeline's topics. */
class KafkaClusterStatusTest {
    private static final KafkaClusterStatus TWO_UP = new KafkaClusterStatus(List.of(
            new KafkaClusterStatus.Broker(1, "127.0.0.1:19092", 4101L, true),
            new KafkaClusterStatus.Broker(2, "127.0.0.1:19094", null, false),
            new KafkaClusterStatus.Broker(3, "127.0.0.1:19096", 4303L, true)),
            List.of(new KafkaClusterStatus.Partition("_schemas", 0, 3, List.of(1, 3), List.of(3, 1, 2)),
                    new KafkaClusterStatus.Partition("tributary.shop.orders", 0, 1, List.of(1, 2, 3), List.of(1, 2, 3))),
            null);

    @Test
    void textListsEachBrokerThenEachPartitionsLeaderAndIsr() {
        assertThat(TWO_UP.text()).isEqualTo("""
                kafka cluster: 3 brokers, 2 up
                  NODE  ADDRESS          PID   STATE
                  1     127.0.0.1:19092  4101  up
                  2     127.0.0.1:19094  -     down
                  3     127.0.0.1:19096  4303  up
                  TOPIC                  PARTITION  LEADER  ISR                     REPLICAS
                  _schemas               0          3       1,3 (under-replicated)  3,1,2
                  tributary.shop.orders  0          1       1,2,3                   1,2,3
                """);
    }

    @Test
    void textSaysWhyLeadersAreUnknown() {
        KafkaClusterStatus down = new KafkaClusterStatus(List.of(new KafkaClusterStatus.Broker(1, "127.0.0.1:19092", null, false)),
                List.of(), "no broker is up");
        assertThat(down.text()).endsWith("  partition leaders: unknown (no broker is up)\n");
        KafkaClusterStatus empty = new KafkaClusterStatus(TWO_UP.brokers(), List.of(), null);
        assertThat(empty.text()).endsWith("  partition leaders: no pipeline topics yet\n");
    }

    @Test
    void jsonCarriesTheSameFactsUnderKafka() throws Exception {
        String json = StatusRendering.json(Path.of("/d"), List.of(new ServiceStatus("kafka", ServiceStatus.State.HEALTHY,
                "127.0.0.1:19092", 4101L, 10, "ok")), null, List.of(), List.of(), TWO_UP);
        JsonNode kafka = new ObjectMapper().readTree(json).get("kafka");
        assertThat(kafka.get("brokers")).hasSize(3);
        assertThat(kafka.get("brokers").get(1).get("nodeId").asInt()).isEqualTo(2);
        assertThat(kafka.get("brokers").get(1).get("pid").isNull()).isTrue();
        assertThat(kafka.get("brokers").get(1).get("up").asBoolean()).isFalse();
        assertThat(kafka.get("brokers").get(2).get("address").asText()).isEqualTo("127.0.0.1:19096");
        JsonNode schemas = kafka.get("partitions").get(0);
        assertThat(schemas.get("topic").asText()).isEqualTo("_schemas");
        assertThat(schemas.get("leader").asInt()).isEqualTo(3);
        assertThat(schemas.get("isr").toString()).isEqualTo("[1,3]");
        assertThat(schemas.get("replicas").toString()).isEqualTo("[3,1,2]");
        assertThat(kafka.get("error").isNull()).isTrue();
        assertThat(new ObjectMapper().readTree(StatusRendering.json(Path.of("/d"), List.of(), null, List.of(), List.of()))
                .has("kafka")).as("one broker: no kafka section").isFalse();
    }

    @Test
    void partitionsAreReadFromTheTopicMetadataSortedWithNoLeaderAsMinusOne() {
        Node n1 = new Node(1, "127.0.0.1", 19092);
        Node n2 = new Node(2, "127.0.0.1", 19094);
        Node n3 = new Node(3, "127.0.0.1", 19096);
        TopicDescription orders = new TopicDescription("tributary.shop.orders", false, List.of(
                new TopicPartitionInfo(1, null, List.of(n2, n3, n1), List.of()),
                new TopicPartitionInfo(0, n2, List.of(n2, n3, n1), List.of(n3, n2))));
        TopicDescription customers = new TopicDescription("tributary.shop.customers", false, List.of(
                new TopicPartitionInfo(0, n1, List.of(n1, n2, n3), List.of(n1, n2, n3))));
        assertThat(KafkaClusterStatusReader.partitions(Map.of("tributary.shop.orders", orders,
                "tributary.shop.customers", customers))).containsExactly(
                new KafkaClusterStatus.Partition("tributary.shop.customers", 0, 1, List.of(1, 2, 3), List.of(1, 2, 3)),
                new KafkaClusterStatus.Partition("tributary.shop.orders", 0, 2, List.of(2, 3), List.of(2, 3, 1)),
                new KafkaClusterStatus.Partition("tributary.shop.orders", 1, -1, List.of(), List.of(2, 3, 1)));
    }
}
