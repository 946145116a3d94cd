package io.tributary.platform.progress;

import java.util.Map;

/**
 * What the lake has yet to read: per partition, Kafka's end offset minus the next offset the lakehouse job reads
 * (its {@code consumed_offset} gauge; a partition it has not read at all counts from 0).
 *
 * @param recordsLeft      records written to Kafka that no finished batch has read
 * @param partitionsBehind partitions with records left
 * @param partitions       partitions of the CDC topics
 */
public record LakeBacklog(long recordsLeft, int partitionsBehind, int partitions) {

    /** From {@code topic#partition} -> end offset (Kafka) and -> next offset to read (the job). */
    public static LakeBacklog of(Map<String, Long> endOffsets, Map<String, Long> consumed) {
        long left = 0;
        int behind = 0;
        for (Map.Entry<String, Long> e : endOffsets.entrySet()) {
            long partitionLeft = Math.max(0, e.getValue() - consumed.getOrDefault(e.getKey(), 0L));
            left += partitionLeft;
            behind += partitionLeft > 0 ? 1 : 0;
        }
        return new LakeBacklog(left, behind, endOffsets.size());
    }
}
