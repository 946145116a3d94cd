package io.tributary.lakehouse.parking;

/** Whose fault a failed table write is, which decides what the job does with it. */
public enum FailureKind {
    /**
     * S3, Kafka or the registry does not answer, a commit conflict outlived its retries, the job is stopping: not the
     * table's fault. The batch fails, the query stops and a restart replays it (every write is idempotent).
     */
    INFRASTRUCTURE,
    /**
     * The table's data or schema cannot be written (a constraint, an incompatible type, a value Delta refuses, any
     * unexpected exception of this table's write): the table is parked and every other table goes on.
     */
    TABLE
}
