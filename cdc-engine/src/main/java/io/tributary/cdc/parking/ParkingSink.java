package io.tributary.cdc.parking;

import java.util.concurrent.CompletableFuture;

/** Where changes of parked tables go. */
public interface ParkingSink {
    /** Queues the change for the table's parking topic; the future completes when Kafka acknowledged it (acks=all). */
    CompletableFuture<Void> send(ParkedTable table, ParkedChange change);
}
