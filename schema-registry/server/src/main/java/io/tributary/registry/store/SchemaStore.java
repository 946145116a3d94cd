package io.tributary.registry.store;

import java.util.List;

/**
 * The durable log behind the registry. One process writes; {@link #load()} returns every record (possibly
 * compacted) in write order, {@link #append(StoreRecord)} returns once the record is durable.
 */
public interface SchemaStore extends AutoCloseable {

    /** Reads the whole log, to its end, before the registry serves any request. */
    List<StoreRecord> load();

    /** Writes one record durably. @throws StoreException if it was not written */
    void append(StoreRecord record);

    /** Human-readable location of the store for logs, e.g. "Kafka topic _schemas at 127.0.0.1:19092". */
    String describe();

    @Override
    void close();
}
