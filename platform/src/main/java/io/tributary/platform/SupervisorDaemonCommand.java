package io.tributary.platform;

import io.tributary.stack.StackSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the background {@code tributary supervise} over a data dir: this CLI's JVM and classpath, a small
 * heap, the data dir (its ports come from there) and the restart policy's options. {@code up} starts it, and
 * {@code demo}/{@code chaos --keep-running} hand the stack they leave running to it.
 */
final class SupervisorDaemonCommand {
    private SupervisorDaemonCommand() {
    }

    /** @param policyArguments the restart policy's options ({@code SupervisionOptions.asArguments()}); empty: defaults */
    static List<String> of(StackSettings settings, String startupTimeout, List<String> policyArguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dtributary.home=" + settings.projectRoot(),
                "-cp", System.getProperty("java.class.path"), TributaryMain.class.getName(), "supervise",
                "--data-dir", settings.dataDir().toString(), "--startup-timeout", startupTimeout));
        command.addAll(policyArguments);
        return command;
    }
}
