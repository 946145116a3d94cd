package io.tributary.console.topics;

import java.util.List;
import java.util.OptionalLong;

/**
 * Kafka as the topics page reads it. The CLI implements it with its own Kafka client and the registry's Avro
 * deserializer (the console module has neither: it stays free of a Kafka client version).
 */
public interface TopicReader {

    /** Every topic but Kafka's internal ones, with each partition's begin and end offset, by name. */
    List<TopicOffsets> topics();

    /**
     * Messages of one partition: from offset {@code from} on, or when empty the {@code count} before the end; at most
     * {@code count}, oldest first, each decoded with the registry's schema or shown as poison.
     *
     * @throws IllegalArgumentException if the topic or partition does not exist (the message names it)
     */
    List<TopicMessage> messages(String topic, int partition, OptionalLong from, int count);
}
