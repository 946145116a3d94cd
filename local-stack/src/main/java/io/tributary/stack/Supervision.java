package io.tributary.stack;

/**
 * What the supervisor knows about one process, persisted in its run record so that {@code tributary status} (another
 * process) shows it.
 *
 * @param restarts      restarts by the supervisor since the process was deliberately started
 * @param lastExitCode  exit code of the process the last restart replaced, null when unknown
 * @param lastRestartAt ISO-8601 time of the last restart, null if never
 * @param paused        stopped (or stopping) on purpose: not restarted
 * @param failure       the reason the supervisor gave up, null while it still supervises
 */
public record Supervision(int restarts, Integer lastExitCode, String lastRestartAt, boolean paused, String failure) {
    public static final Supervision NONE = new Supervision(0, null, null, false, null);

    Supervision restarted(Integer exitCode, String at) {
        return new Supervision(restarts + 1, exitCode, at, false, null);
    }

    Supervision paused(boolean value) {
        return new Supervision(restarts, lastExitCode, lastRestartAt, value, failure);
    }

    Supervision failed(String reason) {
        return new Supervision(restarts, lastExitCode, lastRestartAt, paused, reason);
    }
}
