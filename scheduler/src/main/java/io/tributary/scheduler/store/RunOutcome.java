package io.tributary.scheduler.store;

/** How a run ended, as {@code scheduler.job_runs.outcome} keeps it. */
public enum RunOutcome {
    RUNNING("running"),
    SUCCEEDED("succeeded"),
    /** the process exited with a code other than 0 */
    FAILED("failed"),
    /** stopped after TRIBUTARY_SCHEDULER_JOB_TIMEOUT */
    TIMED_OUT("timed out"),
    /** the scheduler stopped, or died, during the run */
    INTERRUPTED("interrupted");

    private final String text;

    RunOutcome(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean ended() {
        return this != RUNNING;
    }

    public static RunOutcome ofText(String text) {
        for (RunOutcome o : values()) {
            if (o.text.equals(text)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + text + "' in scheduler.job_runs");
    }

    /** The outcome of a process that exited with {@code exitCode} on its own. */
    public static RunOutcome ofExitCode(int exitCode) {
        return exitCode == 0 ? SUCCEEDED : FAILED;
    }
}
