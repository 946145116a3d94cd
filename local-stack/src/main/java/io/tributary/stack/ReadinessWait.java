package io.tributary.stack;

import java.time.Duration;

/**
 * Waits for a process just started to pass its readiness probe, with a backoff from 100 ms to 1 s between probes;
 * fails, quoting the end of its log, when it exits first or the timeout passes.
 */
final class ReadinessWait {
    private ReadinessWait() {
    }

    static void await(ServerDefinition server, ManagedProcess process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 100;
        Probe last = Probe.down("not probed yet");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackException(server.name() + " exited"
                        + process.exitCode().stream().mapToObj(c -> " with code " + c).findFirst().orElse("")
                        + " while starting; see " + process.logFile() + ":\n" + LogTail.of(process.logFile(), 30));
            }
            last = server.probe();
            if (last.healthy()) {
                return;
            }
            sleep(pause);
            pause = Math.min(pause * 2, 1000);
        }
        throw new StackException(server.name() + " did not become healthy within " + timeout
                + " (last check: " + last.detail() + "); see " + process.logFile() + ":\n" + LogTail.of(process.logFile(), 30));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for the stack", e);
        }
    }
}
