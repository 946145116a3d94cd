package io.tributary.console.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The topics page's JSON: offsets, the lake's lag from its checkpoint's offset log, and messages (poison shown). */
class TopicsViewTest {

    /** What Spark 4.0 writes to {@code <checkpoint>/offsets/<batch>} for one Kafka source. */
    static final String OFFSET_LOG = String.join("\n",
            "v1",
            "{\"batchWatermarkMs\":0,\"batchTimestampMs\":1796600000000,\"conf\":{\"spark.sql.shuffle.partitions\":\"2\"}}",
            "{\"tributary.shop.orders\":{\"0\":14003},\"tributary.shop.customers\":{\"0\":1374}}");

    @Test
    void theOffsetLogGivesTheNextOffsetPerTopicAndPartition() {
        assertThat(StreamingCheckpoints.parse(OFFSET_LOG, "offsets/12"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("tributary.shop.orders#0", 14003L, "tributary.shop.customers#0", 1374L));
    }

    @Test
    void aDeltaSourceLineIsNoKafkaOffset() {
        String gold = "v1\n{\"batchWatermarkMs\":0}\n{\"sourceVersion\":1,\"reservoirId\":\"8f1c\",\"reservoirVersion\":42,\"index\":-1,\"isStartingVersion\":false}";
        assertThat(StreamingCheckpoints.parse(gold, "offsets/3")).isEmpty();
        assertThatThrownBy(() -> StreamingCheckpoints.parse("{}", "_checkpoints/lakehouse-job/offsets/7"))
                .hasMessageContaining("_checkpoints/lakehouse-job/offsets/7");
    }

    @Test
    void eachPartitionHasItsOffsetsAndTheLagOfEveryQueryThatReadsIt() {
        List<TopicOffsets> topics = List.of(
                new TopicOffsets("tributary.shop.orders", List.of(new TopicOffsets.Partition(0, 0, 14210))),
                new TopicOffsets("tributary._parked.shop.orders", List.of(new TopicOffsets.Partition(0, 5, 5))));
        JsonNode json = TopicsView.topics(topics, Map.of("lakehouse-job", StreamingCheckpoints.parse(OFFSET_LOG, "offsets/12")));
        JsonNode orders = json.get(0);
        assertThat(orders.get("topic").asText()).isEqualTo("tributary.shop.orders");
        assertThat(orders.get("messages").asLong()).isEqualTo(14210);
        JsonNode p0 = orders.get("partitions").get(0);
        assertThat(p0.get("begin").asLong()).isZero();
        assertThat(p0.get("end").asLong()).isEqualTo(14210);
        assertThat(p0.get("consumers").get(0).get("query").asText()).isEqualTo("lakehouse-job");
        assertThat(p0.get("consumers").get(0).get("consumed").asLong()).isEqualTo(14003);
        assertThat(p0.get("consumers").get(0).get("lag").asLong()).isEqualTo(207);
        assertThat(json.get(1).get("messages").asLong()).isZero();
        assertThat(json.get(1).get("partitions").get(0).get("consumers")).isEmpty();
    }

    @Test
    void messagesKeepTheirDecodedFieldsAndPoisonIsShownWithItsReason() {
        TopicMessage change = new TopicMessage(0, 14209, 1796600000000L, "{\"order_id\": 9}", "u", "{\"status\": \"paid\"}",
                "{\"status\": \"shipped\"}", "0/1B3E9C8", 7, 3, null, null);
        TopicMessage poison = TopicMessage.poison(0, 14210, 1796600000001L, null,
                "Unknown magic byte 0x7b: not a Confluent Avro record", "7b226f70223a2263227d");
        JsonNode json = TopicsView.messages("tributary.shop.orders", 0, OptionalLong.empty(), List.of(change, poison));
        assertThat(json.get("from").isNull()).isTrue();
        JsonNode first = json.get("messages").get(0);
        assertThat(first.get("offset").asLong()).isEqualTo(14209);
        assertThat(first.get("op").asText()).isEqualTo("u");
        assertThat(first.get("lsn").asText()).isEqualTo("0/1B3E9C8");
        assertThat(first.get("schemaId").asInt()).isEqualTo(7);
        assertThat(first.get("schemaVersion").asInt()).isEqualTo(3);
        assertThat(first.get("after").asText()).isEqualTo("{\"status\": \"shipped\"}");
        assertThat(first.get("poison").isNull()).isTrue();
        JsonNode second = json.get("messages").get(1);
        assertThat(second.get("poison").asText()).contains("magic byte");
        assertThat(second.get("rawHex").asText()).isEqualTo("7b226f70223a2263227d");
        assertThat(second.get("op").isNull()).isTrue();
    }
}
