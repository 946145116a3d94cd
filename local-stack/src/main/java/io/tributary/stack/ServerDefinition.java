package io.tributary.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One process the stack runs, a server ({@link Service}) or a pipeline stage ({@link StageProcess}): how to prepare
 * its data, start it, know it is really serving, and where it is. Definitions hold no state; {@link LocalStack} keeps
 * the processes.
 */
interface ServerDefinition {
    /** The name of its log and pid files, e.g. {@code kafka} or {@code cdc-engine}. */
    String name();

    /** Ports it binds, each with the option that changes it (checked before start). */
    Map<Integer, String> ports();

    /** Idempotent one-time preparation that never destroys existing data (extract, initdb, format). */
    void prepare() throws IOException;

    /** The command, environment, log file and stop signal of its process. */
    ProcessSpec processSpec();

    /** The readiness probe: a real API answer, not just an open port. */
    Probe probe();

    /** Runs once the server answers (e.g. apply init-db on the first start). */
    default void afterHealthy() {
    }

    /** Where the server keeps its data (reported by status), or null if it keeps none of its own. */
    Path dataDir();

    /** What clients connect to, e.g. {@code 127.0.0.1:19092}; empty when nothing connects to it. */
    String endpoint();

    /** Stops its process cleanly: the stop signal of its {@link ProcessSpec}, then SIGKILL after {@code grace}. */
    default void stop(ManagedProcess process, Duration grace) {
        process.stop(grace);
    }

    /** Where its output goes ({@code <data-dir>/logs/<name>.log}). */
    default Path logFile() {
        return processSpec().logFile();
    }
}
