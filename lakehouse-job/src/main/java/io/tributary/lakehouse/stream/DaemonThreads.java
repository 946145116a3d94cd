package io.tributary.lakehouse.stream;

import java.util.concurrent.ThreadFactory;

/** Threads of the job's own pools: named for thread dumps and logs, daemon so that none holds the JVM at exit. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
