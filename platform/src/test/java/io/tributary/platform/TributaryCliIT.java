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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The CLI as a user runs it, each command its own JVM: {@code up} returns with all four servers healthy and detached,
 * {@code status --json} lists them with live pids, every example command of README.md and docs/ that needs only the
 * servers runs against them, {@code down} leaves no process behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TributaryCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dataDir;
    private static StackPorts ports;
    /** The console `up`'s supervisor serves: a free port, as 18080 may be another stack's. */
    private static int consolePort;
    private static final List<Long> pids = new ArrayList<>();

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void dirs() throws IOException {
        dataDir = Path.of("target", "it-stacks", "TributaryCliIT-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(dataDir);
        ports = StackPorts.free();
        do {
            consolePort = StackPorts.freePort();
        } while (java.util.Set.of(ports.postgres(), ports.kafka(), ports.kafkaController(), ports.registry(), ports.s3(),
                ports.scheduler()).contains(consolePort));
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
                "--registry-port", Integer.toString(ports.registry()), "--s3-port", Integer.toString(ports.s3()),
                "--scheduler-port", Integer.toString(ports.scheduler())));
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
        Result r = cli(withPorts("up", "--console-port", Integer.toString(consolePort)));
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
            // the servers answer their health checks; the scheduler `up` starts is a stage process: running
            assertThat(s.get("state").asText()).as(s.toString())
                    .isEqualTo(s.get("name").asText().equals("scheduler") ? "running" : "healthy");
            long pid = s.get("pid").asLong();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("pid of %s", s.get("name")).contains(true);
            pids.add(pid);
        }
        assertThat(names).containsExactly("postgres", "kafka", "s3", "schema-registry", "scheduler");
        assertThat(root.get("services").get(0).get("endpoint").asText())
                .isEqualTo("postgresql://127.0.0.1:" + ports.postgres() + "/tributary");
        assertThat(root.get("services").get(0).get("dataBytes").asLong()).isGreaterThan(1_000_000);

        Result table = cli("status", "--data-dir", dataDir.toString());
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("schema-registry  healthy");
    }

    /**
     * Every fenced example of README.md and docs/*.md that needs the servers (status, env, psql, logs, the registry's
     * curl calls, the README's SQL for psql) runs as a user types it, through ./tributary and bash, on this stack with
     * csv-data/ loaded: each must exit 0 and print no error line. Examples that need the pipeline (sql, tail,
     * reconcile, the stages' endpoints) are not run here: DemoIT covers sql, tail and psql on a whole pipeline.
     */
    @Test
    @Order(4)
    void theDocumentedExamplesRunAgainstTheStack() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        long begin = System.nanoTime();
        LocalStack stack = LocalStack.attach(StackSettings.builder(dataDir).ports(ports).projectRoot(root).build());
        new Pipeline(stack, PipelinePorts.load(dataDir)).load(Duration.ofMinutes(3));
        Map<String, String> env = shellEnvironment(root);
        List<String> problems = new ArrayList<>();
        int ran = 0;
        for (DocExamples.Command c : DocExamples.commands(root)) {
            if (c.needs() != DocExamples.Needs.SERVERS) {
                continue;
            }
            String program = c.text().split(" ")[0];
            if (!program.startsWith("./") && !program.equals("eval") && !program.equals("curl")
                    && PsqlCommand.onPath(program).isEmpty()) {
                System.out.printf("docs example skipped (%s is not installed): %s %s%n", program, c.where(), c.text());
                continue;
            }
            String command = c.text().replaceAll("(\\./tributary [a-z-]+)", "$1 --data-dir " + dataDir)
                    .replace("127.0.0.1:18081", "127.0.0.1:" + ports.registry())
                    .replace("127.0.0.1:18080", "127.0.0.1:" + consolePort)
                    .replace(".tributary/secrets/", dataDir.resolve("secrets") + "/");
            problems.addAll(runExample(c.where() + " " + c.text(), List.of("bash", "-c", command), root, env,
                    !c.text().startsWith("./tributary logs")));
            ran++;
        }
        for (DocExamples.SqlBlock block : DocExamples.sqlBlocks(root)) {
            if (block.needs() != DocExamples.Needs.SERVERS) {
                System.out.printf("docs example skipped (needs a stage running): %s:%d%n", block.file(), block.line());
                continue;
            }
            Path sql = Files.writeString(dataDir.resolve("docs-example.sql"), block.sql());
            problems.addAll(runExample(block.file() + ":" + block.line() + " (the SQL block, through psql)",
                    List.of("psql", "-X", "-v", "ON_ERROR_STOP=1", "-f", sql.toString()), root, env, true));
            ran++;
        }
        System.out.printf("docs examples: %d run against the stack in %.0f s (csv-data/ loaded first)%n", ran,
                (System.nanoTime() - begin) / 1e9);
        assertThat(ran).as("examples run").isGreaterThanOrEqualTo(10);
        assertThat(problems).as("documented examples that fail").isEmpty();
    }

    /** A query naming a table that does not exist: Spark's error comes first on stderr, not a pointer to the log. */
    @Test
    @Order(4)
    void sqlPrintsSparksErrorClassMessageAndPositionFirst() throws Exception {
        Result r = cli("sql", "SELECT count(*) FROM silver.order", "--data-dir", dataDir.toString());
        assertThat(r.code()).isEqualTo(1);
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("NOTE: Picked up")).toList();
        assertThat(lines.get(0)).isEqualTo("tributary sql: [TABLE_OR_VIEW_NOT_FOUND] The table or view `silver`.`order` cannot"
                + " be found. Verify the spelling and correctness of the schema and catalog.");
        assertThat(lines).contains("  at line 1, position 22:", "    SELECT count(*) FROM silver.order",
                "                         ^", "  (the whole log: " + dataDir.resolve("logs").resolve("sql.log") + ")");
    }

    private static final Pattern ERROR_LINE = Pattern.compile(
            "(?im)^(error|fatal)\\b.*|^tributary [a-z-]+: .*|.*psql: error.*|.*\\bException\\b.*|.*\"error_code\".*");

    /** The environment of a shell after {@code eval "$(./tributary env)"}, as the docs have the user do. */
    private static Map<String, String> shellEnvironment(Path root) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "eval \"$(./tributary env --data-dir " + dataDir
                + ")\" && env -0").directory(root.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        // the script would otherwise build (mvnw install) on a clean clone, recompiling the classes that the other
        // failsafe JVM's DemoIT runs its CLI from at that moment
        builder.environment().put("TRIBUTARY_SKIP_BUILD", "1");
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("./tributary env").isZero();
        Map<String, String> env = new HashMap<>();
        for (String entry : out.split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        assertThat(env).containsEntry("PGPORT", Integer.toString(ports.postgres())).containsKey("PGPASSFILE");
        env.put("TRIBUTARY_SKIP_BUILD", "1");
        return env;
    }

    /** Runs one example; returns what is wrong with it (a non-zero exit, an error line), nothing when it worked. */
    private static List<String> runExample(String what, List<String> command, Path root, Map<String, String> env,
            boolean checkLines) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return List.of(what + ": did not end in 120 s");
        }
        List<String> problems = new ArrayList<>();
        if (p.exitValue() != 0) {
            problems.add(what + ": exit " + p.exitValue() + "\n" + out);
        }
        Matcher error = ERROR_LINE.matcher(out);
        if (checkLines && error.find()) {
            problems.add(what + ": printed an error line: " + error.group() + "\n" + out);
        }
        return problems;
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
        assertThat(pids).hasSize(5);
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
