package io.tributary.platform;

import java.util.List;
import java.util.Random;

/**
 * The statements of the {@link ChaosFault#LAKE_WRITE_REFUSED} fault, on a table of its own that chaos creates
 * ({@code chaos_lake_<n>}, the shape of {@link ChaosColumnChange}'s tables): a CHECK constraint that a user adds to
 * its silver table (the lake's own expectation on the data, {@code v < 1000000}), a change in PostgreSQL that breaks
 * it, and the fix, dropping the constraint. The lakehouse job's MERGE is refused, so the job parks that table and
 * nothing else. Pure.
 *
 * @param schema the captured schema ({@code shop})
 * @param table  {@code chaos_lake_<n>}
 */
record ChaosLakeConstraint(String schema, String table) {
    static final String PREFIX = "chaos_lake_";
    static final String CONSTRAINT = "v_below_one_million";
    /** The writer's values stay below it ({@link ChaosColumnChange.Writes}); the breaking change goes beyond. */
    static final int LIMIT = 1_000_000;
    static final long BREAKING_ID = 1_000_000_000L;

    static ChaosLakeConstraint of(String schema, int occurrence) {
        return new ChaosLakeConstraint(schema, PREFIX + occurrence);
    }

    String qualified() {
        return schema + "." + table;
    }

    List<String> create() {
        return ChaosColumnChange.create(qualified());
    }

    /** Spark SQL for {@code ./tributary sql}: the constraint on the silver table (the Delta table, tombstones too). */
    String addConstraint() {
        return "ALTER TABLE silver_all." + table + " ADD CONSTRAINT " + CONSTRAINT + " CHECK (v IS NULL OR v < " + LIMIT + ")";
    }

    /** The fix: the constraint dropped, so that the parked changes can be written. */
    String dropConstraint() {
        return "ALTER TABLE silver_all." + table + " DROP CONSTRAINT " + CONSTRAINT;
    }

    /** A row PostgreSQL accepts and the lake's constraint refuses. */
    String breakingInsert() {
        return "INSERT INTO " + qualified() + " (id, v, note) VALUES (" + BREAKING_ID + ", " + (2 * LIMIT) + ", 'beyond the lake''s limit')";
    }

    /** What the fault does, for the output. */
    String describe() {
        return "CHECK (v < " + LIMIT + ") on silver." + table + ", then a row of " + qualified() + " with v = " + (2 * LIMIT);
    }

    ChaosColumnChange.Writes writes(long seed) {
        return new ChaosColumnChange.Writes(qualified(), new Random(seed));
    }
}
