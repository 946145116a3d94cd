package io.tributary.simulator.run;

/**
 * Which worker owns a key: {@code key mod workers}. The keys loaded at the start (customers, their orders, and
 * in bulk mode the products) are split this way, so every row is written by exactly one worker; a row a worker
 * inserts during the run is its own, whatever its key. Workers that never write the same row cannot deadlock.
 */
public record KeyPartition(int index, int workers) {

    public KeyPartition {
        if (workers < 1 || index < 0 || index >= workers) {
            throw new IllegalArgumentException("worker " + index + " of " + workers + " does not exist");
        }
    }

    /** The worker that owns {@code key}, in 0..workers-1 (also for negative keys). */
    public static int owner(long key, int workers) {
        return (int) Math.floorMod(key, (long) workers);
    }

    public boolean owns(long key) {
        return owner(key, workers) == index;
    }
}
