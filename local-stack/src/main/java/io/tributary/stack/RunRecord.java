package io.tributary.stack;

/**
 * What the stack writes to {@code <data-dir>/run/<name>.json} for each process it starts, so that another invocation
 * (tributary status / down) can find it. The start time guards against pid reuse.
 */
public record RunRecord(String name, long pid, String startedAt, String endpoint, String logFile, String stopSignal) {
}
