package io.tributary.lakehouse.lake;

import io.delta.exceptions.DeltaConcurrentModificationException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a Delta write that lost a commit conflict (ConcurrentAppend, ConcurrentDeleteRead... typically against an
 * OPTIMIZE or a purge), with exponential backoff and a bound. The write must be idempotent; every write of this job
 * is (Delta txn ids for appends, the LSN guard for merges). Any other exception propagates at once.
 */
public final class CommitRetry {

    private static final Logger LOG = LoggerFactory.getLogger(CommitRetry.class);

    private final int maxRetries;
    private final Duration firstBackoff;
    private final Sleeper sleeper;
    private final Runnable onRetry;

    /** Sleeps between attempts; replaceable so that the policy is testable without waiting. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public CommitRetry(int maxRetries, Duration firstBackoff) {
        this(maxRetries, firstBackoff, d -> Thread.sleep(d.toMillis()), () -> { });
    }

    /** @param onRetry called before each retry (counts them in the metrics) */
    public CommitRetry(int maxRetries, Duration firstBackoff, Sleeper sleeper, Runnable onRetry) {
        this.maxRetries = maxRetries;
        this.firstBackoff = firstBackoff;
        this.sleeper = sleeper;
        this.onRetry = onRetry;
    }

    public <T> T run(String what, Supplier<T> write) {
        Duration backoff = firstBackoff;
        for (int attempt = 0; ; attempt++) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (!isCommitConflict(e) || attempt >= maxRetries) {
                    if (isCommitConflict(e)) {
                        LOG.error("{}: commit conflict persists after {} retries; failing the batch", what, maxRetries);
                    }
                    throw e;
                }
                onRetry.run();
                LOG.warn("{}: commit conflict ({}), retry {}/{} in {} ms", what, e.getClass().getSimpleName(),
                        attempt + 1, maxRetries, backoff.toMillis());
                try {
                    sleeper.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    static boolean isCommitConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeltaConcurrentModificationException
                    || t instanceof org.apache.spark.sql.delta.DeltaConcurrentModificationException) {
                return true;
            }
        }
        return false;
    }
}
