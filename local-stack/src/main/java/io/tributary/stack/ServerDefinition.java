package io.tributary.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** One kind of server of the stack: how to prepare its data, start it, and know it is really serving. */
interface ServerDefinition {
    Service service();

    /** Ports it binds, each with the option that changes it (checked before start). */
    Map<Integer, String> ports();

    /** Idempotent one-time preparation that never destroys existing data (extract, initdb, format). */
    void prepare() throws IOException;

    ProcessSpec processSpec();

    /** A real API answer, not just an open port. */
    Probe probe();

    /** Runs once the server answers (e.g. apply init-db on the first start). */
    default void afterHealthy() {
    }

    /** Where the server keeps its data (reported by status), or null if it keeps none of its own. */
    Path dataDir();

    /** What clients connect to, e.g. {@code 127.0.0.1:19092}. */
    String endpoint();
}
