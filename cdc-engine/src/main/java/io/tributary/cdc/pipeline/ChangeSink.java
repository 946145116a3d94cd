package io.tributary.cdc.pipeline;

import java.util.concurrent.CompletableFuture;

import io.tributary.cdc.avro.AvroChange;

/** Where converted changes go. {@link #send} may block (registry) and returns when the write is queued. */
public interface ChangeSink extends AutoCloseable {
    /** Queues the change; the future completes when the sink holds it durably (Kafka: acks=all). */
    CompletableFuture<Void> send(AvroChange change);

    @Override
    void close();
}
