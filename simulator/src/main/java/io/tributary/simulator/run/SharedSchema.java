package io.tributary.simulator.run;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The schema facts the workers share, and the lock that keeps a schema change from slipping in
 * between planning an event and running it: workers plan and run each event under the read lock,
 * a schema change runs (and flips the facts) under the write lock.
 */
final class SharedSchema {

    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    /** Whether customers.marketing_opt_in exists (added and dropped by the schema changes). */
    volatile boolean marketingOptIn;
}
