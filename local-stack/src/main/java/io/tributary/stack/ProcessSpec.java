package io.tributary.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start one OS process of the stack.
 *
 * @param name        log and pid-file name, e.g. {@code kafka} or {@code cdc-engine}
 * @param command     program and arguments (no secret: secrets go through {@code environment} or files)
 * @param environment variables added to the inherited environment
 * @param workingDir  working directory
 * @param logFile     stdout and stderr are appended here
 * @param stopSignal  the signal for a clean stop
 */
public record ProcessSpec(String name, List<String> command, Map<String, String> environment, Path workingDir,
        Path logFile, StopSignal stopSignal) {

    public ProcessSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
