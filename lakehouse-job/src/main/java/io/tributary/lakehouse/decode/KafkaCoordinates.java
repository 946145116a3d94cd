package io.tributary.lakehouse.decode;

import java.time.Instant;

/**
 * Where a record came from in Kafka, and when the job read it.
 *
 * @param timestamp the Kafka record timestamp
 * @param readAt    when the job decoded it (the {@code _ingested_at} of bronze and silver)
 */
public record KafkaCoordinates(String topic, int partition, long offset, Instant timestamp, Instant readAt) {

    public KafkaCoordinates(String topic, int partition, long offset, Instant timestamp) {
        this(topic, partition, offset, timestamp, Instant.now());
    }
}
