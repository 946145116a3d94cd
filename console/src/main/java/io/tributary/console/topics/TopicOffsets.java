package io.tributary.console.topics;

import java.util.List;

/** A topic and per partition its begin and end offsets (the end is the offset the next message will get). */
public record TopicOffsets(String topic, List<Partition> partitions) {

    /** One partition's offsets. */
    public record Partition(int partition, long begin, long end) {
    }
}
