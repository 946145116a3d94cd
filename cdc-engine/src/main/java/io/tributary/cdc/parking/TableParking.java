package io.tributary.cdc.parking;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/** The batch handler's view of parking: which tables are parked, parking one, and sending a parked change. */
public final class TableParking {
    private final ParkedTables tables;
    private final ParkingSink sink;
    private final ParkingTopics topics;
    private final Clock clock;

    public TableParking(ParkedTables tables, ParkingSink sink, ParkingTopics topics, Clock clock) {
        this.tables = tables;
        this.sink = sink;
        this.topics = topics;
        this.clock = clock;
    }

    /** The parked state of {@code table}, or null when it streams normally. */
    public ParkedTable parked(String table) {
        return tables.get(table);
    }

    /** Parks the failure's table (in memory until {@link #persistIfChanged()}); logs it once at WARN. */
    public ParkedTable park(TableFailure failure) {
        return tables.park(failure, topics.of(failure.topic()), clock.instant());
    }

    public CompletableFuture<Void> send(ParkedTable table, ParkedChange change) {
        return sink.send(table, change);
    }

    /** Writes the parked-tables file if a table was parked; before the batch's offsets are committed. */
    public void persistIfChanged() {
        tables.persistIfChanged();
    }
}
