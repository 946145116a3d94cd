package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./tributary launcher: finds a JDK 17, runs the CLI from platform's runtime classpath, passes exit codes on. */
class TributaryScriptIT {
    @TempDir
    Path dataDir;

    record Run(int code, String out) {
    }

    private static Run script(List<String> args, java.util.Map<String, String> env) throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("tributary").toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(root.toFile());
        // the build check is the script's business on a user's machine; here the reactor has just built everything
        pb.environment().put("TRIBUTARY_SKIP_BUILD", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Run r = script(List.of("--help"), java.util.Map.of());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("Usage: tributary").contains("up").contains("down").contains("status");
    }

    @Test
    void statusOfAnEmptyDataDirReportsEverythingStoppedWithExitCode3() throws Exception {
        Run r = script(List.of("status", "--data-dir", dataDir.toString()), java.util.Map.of());
        assertThat(r.code()).as(r.out()).isEqualTo(3);
        assertThat(r.out()).contains("postgres         stopped").contains("schema-registry  stopped");
    }

    @Test
    void aJavaHomeThatIsNotJdk17IsSkippedForTheJdk17OnThePath() throws Exception {
        Path fakeJdk = Files.createDirectories(dataDir.resolve("jdk21/bin"));
        Path fakeJava = fakeJdk.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\necho 'openjdk version \"21.0.2\" 2024-01-16' >&2\nexit 0\n");
        fakeJava.toFile().setExecutable(true);
        Run r = script(List.of("--version"), java.util.Map.of("JAVA_HOME", dataDir.resolve("jdk21").toString()));
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("tributary 0.1.0-SNAPSHOT");
    }

    @Test
    void aPickedUpJvmOptionsNoteBeforeTheVersionStillFindsJdk17() throws Exception {
        // java -version then prints "NOTE: Picked up JDK_JAVA_OPTIONS: ..." first (a user's setting, or the tests')
        Run r = script(List.of("--version"), java.util.Map.of("JDK_JAVA_OPTIONS", "-Xss1m"));
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("tributary 0.1.0-SNAPSHOT");
    }
}
