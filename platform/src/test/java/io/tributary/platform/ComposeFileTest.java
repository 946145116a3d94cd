package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeFileTest {

    @Test
    void substitutesLikeCompose() {
        Map<String, String> vars = Map.of("RATE", "500", "EMPTY", "");
        assertThat(ComposeFile.substitute("${RATE}", vars)).isEqualTo("500");
        assertThat(ComposeFile.substitute("${RATE:-200}", vars)).isEqualTo("500");
        assertThat(ComposeFile.substitute("${MISSING:-200}", vars)).isEqualTo("200");
        assertThat(ComposeFile.substitute("${EMPTY:-x}", vars)).isEqualTo("x");
        assertThat(ComposeFile.substitute("${EMPTY-x}", vars)).isEqualTo("");
        assertThat(ComposeFile.substitute("$RATE/s and $$HOME", vars)).isEqualTo("500/s and $HOME");
        assertThat(ComposeFile.substitute("${MISSING}", vars)).isEmpty();
        assertThatThrownBy(() -> ComposeFile.substitute("${MISSING:?copy .env.example}", vars))
                .hasMessageContaining("MISSING").hasMessageContaining("copy .env.example");
    }

    @Test
    void resolvesMergeKeysAndBuildTargets(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("compose.yml");
        Files.writeString(file, """
                x-env: &env
                  A: "1"
                  B: ${B:-two}
                services:
                  one:
                    build: {context: ., target: t1}
                    image: demo/one
                    command: ["run", "--rate", "${RATE:-9}"]
                    environment:
                      <<: *env
                      C: c
                  two:
                    image: demo/one
                    command: run fast
                """);
        ComposeFile compose = ComposeFile.read(file);
        assertThat(compose.environment("one", Map.of())).containsExactlyInAnyOrderEntriesOf(Map.of("A", "1", "B", "two", "C", "c"));
        assertThat(compose.command("one", Map.of("RATE", "5"))).containsExactly("run", "--rate", "5");
        assertThat(compose.command("two", Map.of())).containsExactly("run", "fast");
        assertThat(compose.buildTarget("two")).isEqualTo("t1");
    }

    @Test
    void readsDockerfileStagesWithInheritedEnv(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, """
                FROM eclipse-temurin:17-jre AS base
                WORKDIR /app
                # a comment
                FROM base AS svc
                ENV X_DIR=/var/lib/x
                ENV OPTS="-a -b"
                ENTRYPOINT ["java", "-cp", "/app/*", \\
                  "io.example.Main"]
                """);
        ComposeFile.Stage svc = ComposeFile.dockerfileStages(file).get("svc");
        assertThat(svc.env()).containsEntry("X_DIR", "/var/lib/x").containsEntry("OPTS", "-a -b");
        assertThat(svc.workdir()).isEqualTo("/app");
        assertThat(svc.entrypoint()).containsExactly("java", "-cp", "/app/*", "io.example.Main");
    }
}
