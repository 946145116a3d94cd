package io.tributary.simulator.run;

import io.tributary.simulator.db.RetryPolicy;
import io.tributary.simulator.load.Identifier;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Typed, validated settings of {@code simulator run}.
 *
 * @param duration    how long to run, or null to run until stopped (or until maxChanges)
 * @param maxChanges  stop after this many row changes (0 = no limit)
 * @param workers     connections writing in parallel, each with rate/workers and its own share of the
 *                    customers; 1 keeps a seeded run exactly repeatable
 * @param rate        target row changes per second; {@link Double#POSITIVE_INFINITY} = as fast as possible
 * @param eventsPerTransaction business events committed together (1 = each its own transaction); more
 *                    means fewer commits per change, for high rates ({@link RunMode#BUSINESS} only)
 * @param mode        business events, or multi-row bulk load for benchmarks
 * @param batchSize   row changes per transaction in {@link RunMode#BULK}
 * @param metricsHost address /metrics binds to (127.0.0.1; 0.0.0.0 inside a container)
 * @param metricsPort port of /metrics (0 = off)
 * @param summaryFile also write the JSON summary here (null = stdout only)
 * @param auditFile   write every order status transition here (null = off)
 */
public record RunSettings(Identifier schema, double rate, Duration duration, long maxChanges, Mix mix, long seed,
                          int workers, int eventsPerTransaction, RunMode mode, int batchSize, boolean schemaChanges, Duration progressInterval, String metricsHost, int metricsPort,
                          Path summaryFile,
                          Path auditFile, RetryPolicy retry) {

    public RunSettings {
        if (!(rate > 0) || rate > 1_000_000 && !Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate must be between 0 and 1000000 changes/s, or max (as fast as"
                    + " possible), got " + rate);
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException("--duration must be positive, got " + duration);
        }
        if (maxChanges < 0) {
            throw new IllegalArgumentException("--max-changes must be >= 0 (0 = no limit), got " + maxChanges);
        }
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("--workers must be between 1 and 64, got " + workers);
        }
        if (eventsPerTransaction < 1 || eventsPerTransaction > 1000) {
            throw new IllegalArgumentException("--events-per-tx must be between 1 and 1000, got " + eventsPerTransaction);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("--batch-size must be between 1 and " + MAX_BATCH_SIZE
                    + " row changes per transaction, got " + batchSize);
        }
        if (mode == RunMode.BULK && schemaChanges) {
            throw new IllegalArgumentException("--schema-changes is not available with --mode bulk (a table rewrite"
                    + " would stall the load it measures); run the business mode for schema changes");
        }
        if (mode == RunMode.BULK && eventsPerTransaction != 1) {
            throw new IllegalArgumentException("--events-per-tx applies to --mode business; with --mode bulk use"
                    + " --batch-size (row changes per transaction)");
        }
        if (mode == RunMode.BULK && auditFile != null) {
            throw new IllegalArgumentException("--audit-file is not available with --mode bulk");
        }
        if (progressInterval.isZero() || progressInterval.isNegative()) {
            throw new IllegalArgumentException("--progress-interval must be positive, got " + progressInterval);
        }
        if (metricsHost == null || metricsHost.isBlank()) {
            throw new IllegalArgumentException("--metrics-host must not be empty (127.0.0.1, or 0.0.0.0 in a container)");
        }
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new IllegalArgumentException("--metrics-port must be 0 (off) or a port up to 65535, got " + metricsPort);
        }
    }

    /** Row changes per transaction is bounded so that the largest statement stays under 65,535 bind parameters. */
    public static final int MAX_BATCH_SIZE = 10_000;

    /** Default {@code --batch-size}: a few hundred row changes per commit. */
    public static final int DEFAULT_BATCH_SIZE = 500;

    /** True for {@code --rate max}: no pacing, as fast as the database takes it. */
    public boolean unpaced() {
        return Double.isInfinite(rate);
    }
}
