package io.tributary.serde;

/**
 * Where a serialized record came from, for error messages. Any part may be unknown
 * ({@code null} topic, negative partition or offset).
 */
public record RecordContext(String topic, int partition, long offset) {
    private static final RecordContext UNKNOWN = new RecordContext(null, -1, -1L);

    public static RecordContext unknown() {
        return UNKNOWN;
    }

    public static RecordContext ofTopic(String topic) {
        return new RecordContext(topic, -1, -1L);
    }

    /** " (topic t, partition p, offset o)" with the known parts, or "" if nothing is known. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (topic != null) {
            sb.append("topic ").append(topic);
        }
        if (partition >= 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append("partition ").append(partition);
        }
        if (offset >= 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append("offset ").append(offset);
        }
        return sb.isEmpty() ? "" : " (" + sb + ")";
    }
}
