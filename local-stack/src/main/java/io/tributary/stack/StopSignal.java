package io.tributary.stack;

/** The signal that asks a server to shut down cleanly. */
public enum StopSignal {
    /** SIGTERM: JVMs run their shutdown hooks (Kafka does a controlled shutdown). */
    TERM,
    /** SIGINT: PostgreSQL's "fast" shutdown (SIGTERM would wait for every client to disconnect). */
    INT
}
