package io.tributary.simulator.run;

import java.util.Locale;

/** What {@code simulator run} writes: the shop's business events, or bulk load for benchmarks. */
public enum RunMode {
    /** One business event per statement group (baskets with stock, status steps, erasures, schema changes). */
    BUSINESS,
    /**
     * Benchmark load: the same shop tables and kinds of change (orders placed, advanced, cancelled; sign-ups,
     * moves, restocks), written as multi-row statements, {@code --batch-size} row changes per transaction, each
     * worker on its own customers, orders and products.
     */
    BULK;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
