package io.tributary.serde;

/** Confluent's default TopicNameStrategy: the subject of a topic's keys is {@code <topic>-key}, of its values {@code <topic>-value}. */
public final class SubjectNames {
    private SubjectNames() {
    }

    public static String forTopic(String topic, boolean isKey) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank: the subject name is derived from it");
        }
        return topic + (isKey ? "-key" : "-value");
    }
}
