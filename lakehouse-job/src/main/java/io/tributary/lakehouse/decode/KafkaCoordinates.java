package io.tributary.lakehouse.decode;

import java.time.Instant;

/** Where a record came from in Kafka. */
public record KafkaCoordinates(String topic, int partition, long offset, Instant timestamp) {
}
