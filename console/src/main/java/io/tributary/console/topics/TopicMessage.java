package io.tributary.console.topics;

/**
 * One message of a change topic as the topics page shows it. Decoded: the key and the before and after images as
 * text ({@code {"order_id": 9}}), the op ({@code c u d r t}), the LSN as PostgreSQL prints it, the value's schema id
 * and its version under the topic's value subject. A tombstone has a key and no value. A poison record (not in the
 * Confluent wire format, a schema id the registry does not know, a body that does not match) has {@code poison}: why
 * it cannot be decoded, and {@code rawHex}: its first bytes.
 */
public record TopicMessage(int partition, long offset, long timestamp, String key, String op, String before,
        String after, String lsn, Integer schemaId, Integer schemaVersion, String poison, String rawHex) {

    /** A message whose value cannot be decoded, with the reason and its first bytes. */
    public static TopicMessage poison(int partition, long offset, long timestamp, String key, String reason, String rawHex) {
        return new TopicMessage(partition, offset, timestamp, key, null, null, null, null, null, null, reason, rawHex);
    }
}
