package io.tributary.console.topics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** The topics page's JSON: topics with offsets and the lake's lag, and the messages of one partition. Pure. */
public final class TopicsView {
    public static final int DEFAULT_LAST = 20;
    public static final int MAX_MESSAGES = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicsView() {
    }

    /**
     * {@code [{"topic", "messages", "partitions": [{"partition", "begin", "end", "consumers": [{"query", "consumed",
     * "lag"}]}]}]}: per partition each streaming query of the lake that reads it, the next offset it reads (its newest
     * committed batch) and how many messages it has still to read.
     */
    public static ArrayNode topics(List<TopicOffsets> topics, Map<String, Map<String, Long>> consumed) {
        ArrayNode array = JSON.createArrayNode();
        for (TopicOffsets t : topics) {
            ObjectNode topic = array.addObject().put("topic", t.topic());
            topic.put("messages", t.partitions().stream().mapToLong(p -> p.end() - p.begin()).sum());
            ArrayNode partitions = topic.putArray("partitions");
            for (TopicOffsets.Partition p : t.partitions()) {
                ObjectNode node = partitions.addObject().put("partition", p.partition()).put("begin", p.begin()).put("end", p.end());
                ArrayNode consumers = node.putArray("consumers");
                consumed.forEach((query, offsets) -> {
                    Long next = offsets.get(t.topic() + "#" + p.partition());
                    if (next != null) {
                        consumers.addObject().put("query", query).put("consumed", next).put("lag", Math.max(0, p.end() - next));
                    }
                });
            }
        }
        return array;
    }

    /** {@code {"topic", "partition", "from", "messages": [..]}}. */
    public static ObjectNode messages(String topic, int partition, OptionalLong from, List<TopicMessage> messages) {
        ObjectNode root = JSON.createObjectNode().put("topic", topic).put("partition", partition);
        if (from.isPresent()) {
            root.put("from", from.getAsLong());
        } else {
            root.putNull("from");
        }
        ArrayNode array = root.putArray("messages");
        for (TopicMessage m : messages) {
            array.add(JSON.valueToTree(m));
        }
        return root;
    }
}
