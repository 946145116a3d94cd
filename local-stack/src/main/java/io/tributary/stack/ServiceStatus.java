package io.tributary.stack;

/**
 * One line of {@code tributary status}.
 *
 * @param name      service or process name
 * @param state     what the stack observes
 * @param endpoint  where clients connect
 * @param pid       the OS process id, or null when not running
 * @param dataBytes size of the service's data directory, or -1 when it has none
 * @param detail    what the health check saw
 * @param supervision restarts by the supervisor, last exit code, paused / given up
 */
public record ServiceStatus(String name, State state, String endpoint, Long pid, long dataBytes, String detail,
        Supervision supervision) {

    public ServiceStatus(String name, State state, String endpoint, Long pid, long dataBytes, String detail) {
        this(name, state, endpoint, pid, dataBytes, detail, Supervision.NONE);
    }

    public ServiceStatus {
        supervision = supervision == null ? Supervision.NONE : supervision;
    }

    /** The same status with another endpoint and detail (kept: state, pid, size, supervision). */
    public ServiceStatus withEndpointAndDetail(String newEndpoint, String newDetail) {
        return new ServiceStatus(name, state, newEndpoint, pid, dataBytes, newDetail, supervision);
    }

    /** Healthy servers and live pipeline processes are fine; anything else needs attention. */
    public boolean ok() {
        return state == State.HEALTHY || state == State.RUNNING;
    }

    public enum State {
        /** running and answering its health check */
        HEALTHY,
        /** a launched pipeline process is alive (it has no health check of its own here) */
        RUNNING,
        /** the process runs but its API does not answer (starting, or hung) */
        UNHEALTHY,
        /** a pid file names a process that is gone (crashed or killed) */
        DEAD,
        /** not started */
        STOPPED,
        /** dead, and the supervisor gave up restarting it (too many restarts within its window) */
        FAILED
    }
}
