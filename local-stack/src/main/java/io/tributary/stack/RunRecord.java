package io.tributary.stack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What the stack writes to {@code <data-dir>/run/<name>.json} for each process it starts, so that another invocation
 * (tributary status / down / supervise) can find it. The start time guards against pid reuse.
 *
 * @param restarts      how often the supervisor restarted this process since it was deliberately started
 * @param lastExitCode  the exit code of the process the last restart replaced (null when unknown or never restarted)
 * @param lastRestartAt when the supervisor last restarted it (ISO-8601), null if never
 * @param paused        supervision paused: the process is being stopped (or is down) on purpose
 * @param failure       set when the supervisor gave up restarting it (the reason)
 * @param oneShot       meant to exit once its job is done: an exit with code 0 is not restarted
 * @param launch        how to start it again (pipeline processes; null for servers, which the stack knows)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunRecord(String name, long pid, String startedAt, String endpoint, String logFile, String stopSignal,
        int restarts, Integer lastExitCode, String lastRestartAt, boolean paused, String failure, boolean oneShot,
        ModuleLaunch launch) {

    public RunRecord(String name, long pid, String startedAt, String endpoint, String logFile, String stopSignal) {
        this(name, pid, startedAt, endpoint, logFile, stopSignal, 0, null, null, false, null, false, null);
    }

    /** The supervision facts of this record. */
    public Supervision supervision() {
        return new Supervision(restarts, lastExitCode, lastRestartAt, paused, failure);
    }

    RunRecord with(Supervision s) {
        return new RunRecord(name, pid, startedAt, endpoint, logFile, stopSignal, s.restarts(), s.lastExitCode(),
                s.lastRestartAt(), s.paused(), s.failure(), oneShot, launch);
    }

    RunRecord withLaunch(ModuleLaunch how, boolean isOneShot) {
        return new RunRecord(name, pid, startedAt, endpoint, logFile, stopSignal, restarts, lastExitCode, lastRestartAt, paused,
                failure, isOneShot, how);
    }
}
