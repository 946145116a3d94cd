package io.tributary.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code java ... -cp ... Main args} command lines for child JVMs, using the JDK running the stack. */
final class JavaCommand {
    private JavaCommand() {
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static List<String> of(List<String> jvmOptions, Path tmpDir, String classpath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-Djava.io.tmpdir=" + tmpDir);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
