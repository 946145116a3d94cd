package io.tributary.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * When the supervisor restarts a process that exited unexpectedly: after an exponential backoff ({@code initialBackoff}
 * doubling per consecutive failure up to {@code maxBackoff}; a process that stayed up {@code stableAfter} starts again
 * from {@code initialBackoff}), and never more than {@code maxRestarts} times within {@code window} (then it gives up and
 * the service is reported as failed). A one-shot (a load, a run with a duration) that exits 0 has finished its job and
 * is not restarted; one that fails is. Pure: every input is a parameter, so it is unit-tested without processes.
 */
public record RestartPolicy(Duration initialBackoff, Duration maxBackoff, Duration stableAfter, int maxRestarts, Duration window) {

    public RestartPolicy {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("Backoff must be positive and maxBackoff >= initialBackoff, got "
                    + initialBackoff + " / " + maxBackoff);
        }
        if (maxRestarts < 1 || window.isNegative() || window.isZero() || stableAfter.isNegative()) {
            throw new IllegalArgumentException("maxRestarts must be >= 1 and window/stableAfter positive, got " + maxRestarts
                    + " / " + window + " / " + stableAfter);
        }
    }

    /** 1 s doubling to 30 s, reset after 60 s up, give up after 20 restarts within 10 minutes. */
    public static RestartPolicy defaults() {
        return new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), 20, Duration.ofMinutes(10));
    }

    /** What to do about a process that is gone. */
    public enum Action {
        /** a one-shot that exited 0: its job is done */
        DONE,
        /** restart after {@link Decision#delay()} */
        RESTART,
        /** too many restarts within the window: report the service as failed */
        GIVE_UP
    }

    /**
     * @param consecutiveFailures the failure streak including this exit (0 for DONE), to pass to the next decision
     */
    public record Decision(Action action, Duration delay, int consecutiveFailures, String reason) {
    }

    /**
     * @param startedAt           when the process that exited was started
     * @param exitedAt            when its exit was seen
     * @param exitCode            its exit code, if known (empty for a process adopted from another invocation)
     * @param oneShot             whether it is meant to exit once its job is done
     * @param consecutiveFailures the streak before this exit (as returned by the previous decision; 0 at first)
     * @param recentRestarts      when this process was restarted before (any order)
     */
    public Decision decide(Instant startedAt, Instant exitedAt, OptionalInt exitCode, boolean oneShot, int consecutiveFailures,
            List<Instant> recentRestarts) {
        if (oneShot && (exitCode.isEmpty() || exitCode.getAsInt() == 0)) {
            return new Decision(Action.DONE, Duration.ZERO, 0, exitCode.isEmpty()
                    ? "one-shot exited (exit code unknown to this process): not restarted" : "one-shot finished with exit code 0");
        }
        Instant windowStart = exitedAt.minus(window);
        long inWindow = recentRestarts.stream().filter(t -> t.isAfter(windowStart)).count();
        if (inWindow >= maxRestarts) {
            return new Decision(Action.GIVE_UP, Duration.ZERO, consecutiveFailures + 1,
                    "restarted " + inWindow + " times within " + window + " (limit " + maxRestarts + "): giving up");
        }
        boolean stable = Duration.between(startedAt, exitedAt).compareTo(stableAfter) >= 0;
        int streak = stable ? 0 : consecutiveFailures;
        return new Decision(Action.RESTART, backoff(streak), streak + 1,
                (stable ? "stayed up " + Duration.between(startedAt, exitedAt).toSeconds() + " s: backoff reset" : "failure #" + (streak + 1))
                        + ", restart in " + backoff(streak).toMillis() + " ms");
    }

    /** {@code initialBackoff * 2^streak}, at most {@code maxBackoff}. */
    Duration backoff(int streak) {
        Duration d = initialBackoff;
        for (int i = 0; i < streak && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
