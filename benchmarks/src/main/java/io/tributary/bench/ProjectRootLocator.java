package io.tributary.bench;

import io.tributary.contracts.stage.StageEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project root: -Dtributary.home, TRIBUTARY_HOME, or the first parent of the working directory with init-db/. */
final class ProjectRootLocator {

    private ProjectRootLocator() {
    }

    static Path find() {
        String home = System.getProperty("tributary.home", System.getenv(StageEnvironment.HOME));
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("init-db")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new BenchmarkFailure("Cannot find the project root (a folder with init-db/ and pom.xml) above "
                + Path.of("").toAbsolutePath() + "; run from the project or set TRIBUTARY_HOME");
    }
}
