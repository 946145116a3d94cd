package io.tributary.stack;

import io.tributary.contracts.stage.StageEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Tributary source tree: system property {@code tributary.home}, else env {@code TRIBUTARY_HOME}, else the
 * nearest folder above the working directory holding both {@code .mvn} and {@code pom.xml} and {@code init-db}.
 */
public final class ProjectRoot {
    private ProjectRoot() {
    }

    public static Optional<Path> find() {
        return find(System.getProperty("tributary.home"), System.getenv(), Path.of("").toAbsolutePath());
    }

    static Optional<Path> find(String property, Map<String, String> env, Path workingDir) {
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property).toAbsolutePath().normalize());
        }
        String home = env.get(StageEnvironment.HOME);
        if (home != null && !home.isBlank()) {
            return Optional.of(Path.of(home).toAbsolutePath().normalize());
        }
        for (Path dir = workingDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("init-db"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    public static Path require() {
        return find().orElseThrow(() -> new StackException("Cannot find the Tributary project root from "
                + Path.of("").toAbsolutePath() + ": run from inside the source tree, or set -Dtributary.home=<dir> or TRIBUTARY_HOME"));
    }
}
