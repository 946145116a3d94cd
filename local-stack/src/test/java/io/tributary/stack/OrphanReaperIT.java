package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A test JVM that dies by SIGKILL (no shutdown hook) does not leave its servers running. */
class OrphanReaperIT {

    /** Runs in a child JVM: starts a stack, reports the server pid, then waits to be killed. */
    public static final class StackHolder {
        public static void main(String[] args) throws Exception {
            LocalStack stack = LocalStack.start(StackSettings.forTests(Path.of(args[0])), Service.S3);
            System.out.println("READY " + stack.pid(Service.S3));
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void serversOfASigkilledTestJvmAreStopped() throws Exception {
        Path dir = TestDirs.fresh(OrphanReaperIT.class);
        Process holder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), StackHolder.class.getName(), dir.toString()))
                .redirectError(dir.resolve("holder.err").toFile())
                .start();
        long serverPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("READY "));
            assertThat(line).as("holder JVM output; see %s", dir.resolve("holder.err")).isNotNull();
            serverPid = Long.parseLong(line.substring("READY ".length()).trim());
        }
        ProcessHandle server = ProcessHandle.of(serverPid).orElseThrow();
        assertThat(server.isAlive()).isTrue();

        holder.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();

        server.onExit().get(30, TimeUnit.SECONDS);
        assertThat(server.isAlive()).isFalse();
        // the watchdog clears the pid files after its KILL round (5 s after TERM)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(dir.resolve("run/s3.json")).doesNotExist());
    }

    @Test
    void watchdogScriptQuotesTheRunDir() {
        String script = OrphanReaper.script(42, Path.of("/tmp/it's here/run"));
        assertThat(script).contains("kill -0 42").contains("'/tmp/it'\\''s here/run'/*.json");
    }
}
