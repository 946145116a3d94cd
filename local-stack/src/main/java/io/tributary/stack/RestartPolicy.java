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
 * is not restarted; one that fails is.
 *
 * <p>A <b>crash loop</b> is given up at once: {@code crashLoopLimit} failures in a row that each came less than
 * {@code stableAfter} after the start and ended the same way (the same {@link FailureSignature}: exit code and last
 * error line). Restarting cannot change the outcome of a stage that fails on the same input every time; an outage of
 * a dependency is not one (the stages wait for it, bounded, before they exit, so their runs are not quick, and they
 * come back when it does). 0 turns the rule off.
 *
 * <p>Pure: every input is a parameter, so it is unit-tested without processes.
 */
public record RestartPolicy(Duration initialBackoff, Duration maxBackoff, Duration stableAfter, int maxRestarts, Duration window,
        int crashLoopLimit) {

    /** Failures in a row with the same signature that make a crash loop, unless configured otherwise. */
    public static final int DEFAULT_CRASH_LOOP_LIMIT = 3;

    public RestartPolicy(Duration initialBackoff, Duration maxBackoff, Duration stableAfter, int maxRestarts, Duration window) {
        this(initialBackoff, maxBackoff, stableAfter, maxRestarts, window, DEFAULT_CRASH_LOOP_LIMIT);
    }

    public RestartPolicy {
        if (crashLoopLimit == 1 || crashLoopLimit < 0) {
            throw new IllegalArgumentException("crashLoopLimit must be 0 (off) or >= 2 (one failure is no loop), got "
                    + crashLoopLimit);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("Backoff must be positive and maxBackoff >= initialBackoff, got "
                    + initialBackoff + " / " + maxBackoff);
        }
        if (maxRestarts < 1 || window.isNegative() || window.isZero() || stableAfter.isNegative()) {
            throw new IllegalArgumentException("maxRestarts must be >= 1 and window/stableAfter positive, got " + maxRestarts
                    + " / " + window + " / " + stableAfter);
        }
    }

    /**
     * 1 s doubling to 30 s, reset after 60 s up, give up after 20 restarts within 10 minutes or after 3 quick failures
     * in a row with the same signature.
     */
    public static RestartPolicy defaults() {
        return new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), 20, Duration.ofMinutes(10),
                DEFAULT_CRASH_LOOP_LIMIT);
    }

    /** What to do about a process that is gone. */
    public enum Action {
        /** a one-shot that exited 0: its job is done */
        DONE,
        /** restart after {@link Decision#delay()} */
        RESTART,
        /** too many restarts within the window, or a crash loop: report the service as failed */
        GIVE_UP
    }

    /**
     * @param consecutiveFailures the failure streak including this exit (0 for DONE), to pass to the next decision
     * @param crashStreak         the quick failures in a row with one signature, this exit included, to pass on
     */
    public record Decision(Action action, Duration delay, int consecutiveFailures, String reason, CrashStreak crashStreak) {
    }

    /**
     * Quick failures in a row that ended the same way: what the crash-loop rule remembers between exits.
     *
     * @param count     how many
     * @param signature their {@link FailureSignature}, null when count is 0
     */
    public record CrashStreak(int count, String signature) {
        public static final CrashStreak NONE = new CrashStreak(0, null);

        /** The streak after an exit: one longer when it was quick and ended the same way, else restarted (or none). */
        CrashStreak after(boolean quick, String exitSignature) {
            if (!quick || exitSignature == null) {
                return NONE;
            }
            return exitSignature.equals(signature) ? new CrashStreak(count + 1, signature) : new CrashStreak(1, exitSignature);
        }
    }

    /** {@link #decide(Instant, Instant, OptionalInt, boolean, int, List, CrashStreak, String)} without a signature. */
    public Decision decide(Instant startedAt, Instant exitedAt, OptionalInt exitCode, boolean oneShot, int consecutiveFailures,
            List<Instant> recentRestarts) {
        return decide(startedAt, exitedAt, exitCode, oneShot, consecutiveFailures, recentRestarts, CrashStreak.NONE, null);
    }

    /**
     * @param startedAt           when the process that exited was started
     * @param exitedAt            when its exit was seen
     * @param exitCode            its exit code, if known (empty for a process adopted from another invocation)
     * @param oneShot             whether it is meant to exit once its job is done
     * @param consecutiveFailures the streak before this exit (as returned by the previous decision; 0 at first)
     * @param recentRestarts      when this process was restarted before (any order)
     * @param crashStreak         the streak before this exit (as returned by the previous decision; NONE at first)
     * @param signature           how this run ended ({@link FailureSignature#of}), null when it cannot be told (exit
     *                            code unknown, 0, or a signal): such an exit ends a crash streak
     */
    public Decision decide(Instant startedAt, Instant exitedAt, OptionalInt exitCode, boolean oneShot, int consecutiveFailures,
            List<Instant> recentRestarts, CrashStreak crashStreak, String signature) {
        if (oneShot && (exitCode.isEmpty() || exitCode.getAsInt() == 0)) {
            return new Decision(Action.DONE, Duration.ZERO, 0, exitCode.isEmpty()
                    ? "one-shot exited (exit code unknown to this process): not restarted" : "one-shot finished with exit code 0",
                    CrashStreak.NONE);
        }
        Duration up = Duration.between(startedAt, exitedAt);
        boolean stable = up.compareTo(stableAfter) >= 0;
        CrashStreak crashes = crashStreak.after(!stable, signature);
        if (crashLoopLimit > 0 && crashes.count() >= crashLoopLimit) {
            return new Decision(Action.GIVE_UP, Duration.ZERO, consecutiveFailures + 1, "crash loop: failed "
                    + crashes.count() + " times in a row, each within " + stableAfter.toSeconds() + " s of its start,"
                    + " the same way (" + crashes.signature() + "): restarting cannot help, giving up (limit "
                    + crashLoopLimit + "); fix the cause, then start it again", crashes);
        }
        Instant windowStart = exitedAt.minus(window);
        long inWindow = recentRestarts.stream().filter(t -> t.isAfter(windowStart)).count();
        if (inWindow >= maxRestarts) {
            return new Decision(Action.GIVE_UP, Duration.ZERO, consecutiveFailures + 1,
                    "restarted " + inWindow + " times within " + window + " (limit " + maxRestarts + "): giving up", crashes);
        }
        int streak = stable ? 0 : consecutiveFailures;
        return new Decision(Action.RESTART, backoff(streak), streak + 1,
                (stable ? "stayed up " + up.toSeconds() + " s: backoff reset" : "failure #" + (streak + 1))
                        + ", restart in " + backoff(streak).toMillis() + " ms", crashes);
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
