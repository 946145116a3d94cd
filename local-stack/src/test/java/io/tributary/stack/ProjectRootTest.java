package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectRootTest {
    @TempDir
    Path dir;

    @Test
    void walksUpToTheFolderWithMvnPomAndInitDb() throws Exception {
        Files.createDirectories(dir.resolve(".mvn"));
        Files.createDirectories(dir.resolve("init-db"));
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Path module = Files.createDirectories(dir.resolve("cdc-engine/target"));
        Files.writeString(dir.resolve("cdc-engine/pom.xml"), "<project/>");
        assertThat(ProjectRoot.find(null, Map.of(), module)).contains(dir.toAbsolutePath().normalize());
    }

    @Test
    void propertyBeatsEnvironmentBeatsWalking() {
        assertThat(ProjectRoot.find("/a", Map.of("TRIBUTARY_HOME", "/b"), dir)).contains(Path.of("/a"));
        assertThat(ProjectRoot.find(null, Map.of("TRIBUTARY_HOME", "/b"), dir)).contains(Path.of("/b"));
    }

    @Test
    void nothingFoundOutsideATree() {
        assertThat(ProjectRoot.find(null, Map.of(), dir)).isEmpty();
    }
}
