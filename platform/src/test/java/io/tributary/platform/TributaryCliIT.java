package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.stack.LocalStack;
import io.tributary.stack.StackPorts;
import io.tributary.stack.StackSettings;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The CLI as a user runs it, each command its own JVM: {@code up} returns with all four servers healthy and detached,
 * {@code status --json} lists them with live pids, {@code down} leaves no process behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TributaryCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dataDir;
    private static StackPorts ports;
    private static final List<Long> pids = new ArrayList<>();

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void dirs() throws IOException {
        dataDir = Path.of("target", "it-stacks", "TributaryCliIT-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(dataDir);
        ports = StackPorts.free();
    }

    @AfterAll
    static void cleanUp() {
        // whatever a failed test left running
        LocalStack.attach(StackSettings.builder(dataDir).ports(ports).build()).stopAll();
    }

    static Result cli(String... args) throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        String cp = root.resolve("platform/target/classes") + File.pathSeparator
                + Files.readString(root.resolve("platform/target/runtime.classpath")).strip();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dtributary.home=" + root, "-cp", cp, TributaryMain.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dataDir, "cli", ".out");
        Path err = Files.createTempFile(dataDir, "cli", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tributary " + String.join(" ", args) + " did not return in 240 s: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static String[] withPorts(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--data-dir", dataDir.toString(),
                "--postgres-port", Integer.toString(ports.postgres()), "--kafka-port", Integer.toString(ports.kafka()),
                "--kafka-controller-port", Integer.toString(ports.kafkaController()),
                "--registry-port", Integer.toString(ports.registry()), "--s3-port", Integer.toString(ports.s3())));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    @Order(1)
    void upFailsClearlyWhenAPortIsTaken() throws Exception {
        try (ServerSocket squatter = new ServerSocket(ports.postgres(), 1, InetAddress.getLoopbackAddress())) {
            Result r = cli(withPorts("up"));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("Port " + ports.postgres()).contains("--postgres-port");
        }
    }

    @Test
    @Order(2)
    void upStartsAllFourServersDetachedAndHealthy() throws Exception {
        long start = System.nanoTime();
        Result r = cli(withPorts("up"));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(r.code()).as("up failed:\n%s", r.err()).isZero();
        assertThat(r.out()).contains("Tributary local stack is up");
        System.out.printf("tributary up took %.1f s%n", seconds);
        assertThat(seconds).as("up must return in under 90 s").isLessThan(90);
    }

    @Test
    @Order(3)
    void statusJsonListsEveryServerWithALivePid() throws Exception {
        // no port options: the ports of the last `up` are remembered in the data dir
        Result r = cli("status", "--json", "--data-dir", dataDir.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("healthy").asBoolean()).isTrue();
        List<String> names = new ArrayList<>();
        for (JsonNode s : root.get("services")) {
            names.add(s.get("name").asText());
            assertThat(s.get("state").asText()).as(s.toString()).isEqualTo("healthy");
            long pid = s.get("pid").asLong();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("pid of %s", s.get("name")).contains(true);
            pids.add(pid);
        }
        assertThat(names).containsExactly("postgres", "kafka", "s3", "schema-registry");
        assertThat(root.get("services").get(0).get("endpoint").asText())
                .isEqualTo("postgresql://127.0.0.1:" + ports.postgres() + "/tributary");
        assertThat(root.get("services").get(0).get("dataBytes").asLong()).isGreaterThan(1_000_000);

        Result table = cli("status", "--data-dir", dataDir.toString());
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("schema-registry  healthy");
    }

    @Test
    @Order(4)
    void secondUpLeavesRunningServersAlone() throws Exception {
        Result r = cli("up", "--data-dir", dataDir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(cli("status", "--json", "--data-dir", dataDir.toString()).out());
        List<Long> now = new ArrayList<>();
        root.get("services").forEach(s -> now.add(s.get("pid").asLong()));
        assertThat(now).containsExactlyElementsOf(pids);
    }

    @Test
    @Order(5)
    void downStopsEverythingAndLeavesNoProcessBehind() throws Exception {
        assertThat(pids).hasSize(4);
        Result r = cli("down", "--data-dir", dataDir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("stopped postgres").contains("stopped schema-registry");
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d", pid).isFalse();
        }
        String dir = dataDir.toString();
        List<String> leftovers = ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(dir)).orElse(false))
                .map(h -> h.pid() + " " + h.info().commandLine().orElse(""))
                .toList();
        assertThat(leftovers).isEmpty();
        assertThat(dataDir.resolve("run")).isEmptyDirectory();

        Result status = cli("status", "--json", "--data-dir", dataDir.toString());
        assertThat(status.code()).isEqualTo(StatusCommand.NOT_ALL_HEALTHY);
        JsonNode root = JSON.readTree(status.out());
        root.get("services").forEach(s -> assertThat(s.get("state").asText()).isEqualTo("stopped"));
    }
}
