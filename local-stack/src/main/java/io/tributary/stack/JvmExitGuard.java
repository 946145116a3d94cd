package io.tributary.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stops a stack's children when the JVM that started them ends: a shutdown hook that closes the stack and, when
 * the children are tied to this JVM (tests), an {@link OrphanReaper} that stops them even after a SIGKILL.
 */
final class JvmExitGuard {
    private static final Logger LOG = LoggerFactory.getLogger(JvmExitGuard.class);

    private final Thread hook;
    private volatile OrphanReaper reaper;

    JvmExitGuard(AutoCloseable stack) {
        this.hook = new Thread(() -> closeAtExit(stack), "local-stack-shutdown");
    }

    /** Registers the hook and, unless the children are detached, starts the reaper. */
    void arm(StackSettings settings) {
        Runtime.getRuntime().addShutdownHook(hook);
        if (!settings.detachChildren()) {
            reaper = OrphanReaper.watch(ProcessHandle.current().pid(), settings.runDir());
        }
    }

    void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // JVM already shutting down, or hook never registered
        }
    }

    void cancelReaper() {
        OrphanReaper r = reaper;
        if (r != null) {
            r.cancel();
        }
    }

    private static void closeAtExit(AutoCloseable stack) {
        try {
            stack.close();
        } catch (Exception e) {
            LOG.warn("Stopping the local stack at JVM exit failed: {}", e.getMessage());
        }
    }
}
