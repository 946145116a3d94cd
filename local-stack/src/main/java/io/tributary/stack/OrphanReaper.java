package io.tributary.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny shell watchdog for stacks owned by a test JVM: if that JVM dies without running its shutdown hook (SIGKILL,
 * a failsafe fork timeout), the watchdog stops every process still named in the stack's pid files, so no broker or
 * postmaster outlives the build. A normal close removes the pid files first, leaving the watchdog nothing to do; it
 * exits on its own once the JVM is gone, or is destroyed by {@link #cancel()}.
 */
final class OrphanReaper {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanReaper.class);

    private final Process watchdog;

    private OrphanReaper(Process watchdog) {
        this.watchdog = watchdog;
    }

    static OrphanReaper watch(long ownerPid, Path runDir) {
        try {
            Process p = new ProcessBuilder(List.of("sh", "-c", script(ownerPid, runDir)))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new OrphanReaper(p);
        } catch (IOException e) {
            LOG.warn("Cannot start the orphan watchdog (sh): servers would outlive a killed JVM: {}", e.getMessage());
            return new OrphanReaper(null);
        }
    }

    /** The watchdog script: wait for the owner to die, then TERM (and after 5 s KILL) every recorded pid. */
    static String script(long ownerPid, Path runDir) {
        String dir = "'" + runDir.toString().replace("'", "'\\''") + "'";
        return "while kill -0 " + ownerPid + " 2>/dev/null; do sleep 2; done\n"
                + "pids=$(cat " + dir + "/*.json 2>/dev/null | sed -n 's/.*\"pid\" *: *\\([0-9][0-9]*\\).*/\\1/p')\n"
                + "[ -z \"$pids\" ] && exit 0\n"
                + "kill -TERM $pids 2>/dev/null; sleep 5; kill -KILL $pids 2>/dev/null\n"
                + "rm -f " + dir + "/*.json\n";
    }

    void cancel() {
        if (watchdog != null) {
            watchdog.destroyForcibly();
        }
    }
}
