package io.tributary.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command in a new session ({@code setsid}), so a Ctrl-C in the terminal or the exit of the CLI does not reach
 * it. {@code setsid} execs in place (the pid stays the server's pid) because a Java child is never a group leader.
 */
final class SessionLeader {
    private static final Path SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable).findFirst().orElse(null);

    private SessionLeader() {
    }

    static List<String> wrap(List<String> command) {
        if (SETSID == null) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(command.size() + 1);
        wrapped.add(SETSID.toString());
        wrapped.addAll(command);
        return wrapped;
    }
}
