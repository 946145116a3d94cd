package io.tributary.cdc.pipeline;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded retries with exponential backoff: retries an action while its failure is retriable and the
 * total time budget is not spent, then rethrows the last failure.
 */
public final class Backoff {
    private static final Logger LOG = LoggerFactory.getLogger(Backoff.class);

    /** Sleeps; replaced in tests. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** Monotonic time in nanoseconds; replaced in tests. */
    public interface Ticker {
        long nanos();
    }

    private final Duration budget;
    private final Duration initial;
    private final Duration max;
    private final Sleeper sleeper;
    private final Ticker ticker;

    public Backoff(Duration budget, Duration initial, Duration max) {
        this(budget, initial, max, d -> Thread.sleep(d.toMillis()), System::nanoTime);
    }

    public Backoff(Duration budget, Duration initial, Duration max, Sleeper sleeper, Ticker ticker) {
        this.budget = budget;
        this.initial = initial;
        this.max = max;
        this.sleeper = sleeper;
        this.ticker = ticker;
    }

    /**
     * Runs {@code action}; on a retriable failure waits (initial, doubling up to max) and tries again until the
     * budget is spent. Non-retriable failures and the last retriable one are rethrown unchanged.
     */
    public <T> T call(String what, Predicate<Exception> retriable, Callable<T> action) throws Exception {
        long deadline = ticker.nanos() + budget.toNanos();
        Duration wait = initial;
        int attempt = 1;
        while (true) {
            try {
                return action.call();
            } catch (Exception e) {
                long remaining = deadline - ticker.nanos();
                if (!retriable.test(e) || remaining <= 0) {
                    throw e;
                }
                Duration sleep = wait.toNanos() > remaining ? Duration.ofNanos(remaining) : wait;
                LOG.warn("{} failed (attempt {}): {}; retrying in {} ms, giving up after {}", what, attempt,
                        e.getMessage(), sleep.toMillis(), budget);
                sleeper.sleep(sleep);
                wait = wait.multipliedBy(2).compareTo(max) > 0 ? max : wait.multipliedBy(2);
                attempt++;
            }
        }
    }
}
