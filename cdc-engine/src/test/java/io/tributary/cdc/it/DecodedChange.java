package io.tributary.cdc.it;

import java.util.List;

import org.apache.avro.generic.GenericRecord;

/** One Kafka record of a change topic, decoded with the project's serde. */
record DecodedChange(String topic, int partition, long offset, GenericRecord key, GenericRecord value) {
    boolean isTombstone() {
        return value == null;
    }

    String op() {
        return value == null ? null : value.get("op").toString();
    }

    GenericRecord before() {
        return value == null ? null : (GenericRecord) value.get("before");
    }

    GenericRecord after() {
        return value == null ? null : (GenericRecord) value.get("after");
    }

    GenericRecord source() {
        return (GenericRecord) value.get("source");
    }

    long lsn() {
        return (Long) source().get("lsn");
    }

    /** The row image that identifies the change: after for c/u/r, before for d. */
    GenericRecord image() {
        return after() != null ? after() : before();
    }

    Object column(String name) {
        Object v = image().get(name);
        return v instanceof CharSequence s ? s.toString() : v;
    }

    Object keyColumn(String name) {
        return key == null ? null : key.get(name);
    }

    List<String> unavailableColumns() {
        return ((List<?>) value.get("unavailable_columns")).stream().map(Object::toString).toList();
    }

    @Override
    public String toString() {
        return topic + "[" + partition + "@" + offset + "] key=" + key + " op=" + op()
                + (value == null ? " (tombstone)" : " lsn=" + lsn() + " image=" + image());
    }
}
