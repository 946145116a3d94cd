package io.tributary.registry.store;

import java.util.List;

/**
 * The durable log behind the registry. One process writes; {@link #load()} returns every record (possibly
 * compacted) in write order, {@link #append(List)} returns once the record is durable.
 */
public interface SchemaStore extends AutoCloseable {

    /** Reads the whole log, to its end, before the registry serves any request. */
    List<StoreRecord> load();

    /**
     * Writes records durably, all or none (one Kafka transaction).
     *
     * @throws StoreException if they were not written
     */
    void append(List<StoreRecord> records);

    /** Human-readable location of the store for logs, e.g. "Kafka topic _schemas at 127.0.0.1:19092". */
    String describe();

    @Override
    void close();
}
