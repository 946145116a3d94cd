package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.stack.LocalStack;
import io.tributary.stack.StackPorts;
import io.tributary.stack.StackSettings;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CI version of {@code tributary chaos} (its own JVM, free ports): one fault of every kind in a 45 s storm (short
 * registry and S3 outages, a new table with edge values, an incompatible column change that cdc-engine parks and chaos
 * resumes, a lake write refused by a constraint that the lakehouse job parks and chaos resumes) with the simulator's
 * schema changes (add, widen, drop columns) in the middle of it, plus the kill during the initial snapshot, all under
 * the supervisor; it must exit 0 with reconcile equal (the three tables chaos created included), every poison record
 * quarantined and every kind performed. While each park lasts, the shop's tables must keep flowing into the lake,
 * at most {@value #FRESHNESS_SLACK_SECONDS} s staler than just before the fault.
 * Then {@code status --json} on the stack it left running shows the supervisor's restarts, silver holds the edge values
 * as they are, and {@code down} stops everything.
 */
class ChaosIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FAULT = Pattern.compile("([a-z0-9-]+)=(\\d+)");
    private static Path dataDir;
    private static StackPorts ports;

    @BeforeAll
    static void dirs() throws Exception {
        dataDir = Path.of("target", "it-stacks", "ChaosIT-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(dataDir);
        ports = StackPorts.free();
    }

    @AfterAll
    static void cleanUp() {
        LocalStack.attach(StackSettings.builder(dataDir).ports(ports).build()).stopAll();
    }

    /** The lake's side of a park in the summary line: rows merged into the shop's tables, their freshness then and before. */
    private static final String LAKE_WHILE_PARKED = " lake-others=\\+(\\d+) lake-freshness=(\\d+)s\\(before=(\\d+)s\\)";
    /** How much staler than just before the fault the shop's tables may be while a table is parked (one slow batch). */
    private static final long FRESHNESS_SLACK_SECONDS = 60;

    private static void assertShopFlowedIntoTheLake(Matcher m, int firstGroup, String summary) {
        assertThat(Long.parseLong(m.group(firstGroup))).as("shop rows merged into silver while parked: %s", summary).isPositive();
        long parked = Long.parseLong(m.group(firstGroup + 1));
        long before = Long.parseLong(m.group(firstGroup + 2));
        assertThat(parked).as("freshness of the shop's tables while parked vs before the fault: %s", summary)
                .isLessThanOrEqualTo(before + FRESHNESS_SLACK_SECONDS);
    }

    @Test
    void stormOfEveryFaultKindEndsWithTheLakeEqualToPostgres() throws Exception {
        List<String> args = new ArrayList<>(List.of("chaos", "--duration", "45s", "--kills", Integer.toString(ChaosFault.scheduled().size()),
                "--rate", "100", "--seed", "20261121", "--registry-outage", "3s", "--s3-outage", "5s", "--snapshot-rows", "5000",
                "--idle", "5s", "--status-interval", "10s", "--schema-changes", "--keep-running"));
        args.addAll(portOptions());
        String[] result = cli(1500, args.toArray(String[]::new));
        String out = result[1];
        String summary = out.lines().filter(l -> l.startsWith("CHAOS ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no summary line:\n" + out + "\n" + result[2]));
        // the tables chaos created during the storm: reconcile compared them and found them equal
        assertThat(summary).as("reconcile of the tables chaos created:%n%s", out)
                .contains(" chaos-tables=[chaos_alter_1=equal chaos_edge_1=equal chaos_lake_1=equal] ");
        // the incompatible change: parked by cdc-engine, the slot went on, other tables flowed, accepted and resumed
        Matcher change = Pattern.compile(" incompatible-change=\\[chaos_alter_1 parked-after=([0-9.]+)s slot-passed others=\\+(\\d+)"
                + " replayed=(\\d+)" + LAKE_WHILE_PARKED + " writes=(\\d+) resumed\\] ").matcher(summary);
        assertThat(change.find()).as("parked and resumed: %s%n%s", summary, out).isTrue();
        assertThat(Long.parseLong(change.group(2))).as("changes of other tables while parked").isPositive();
        assertThat(Long.parseLong(change.group(3))).as("parked changes replayed").isPositive();
        assertShopFlowedIntoTheLake(change, 4, summary);
        // the refused lake write: the lakehouse job parked that table alone, the shop's tables went on as fresh as before
        Matcher lakePark = Pattern.compile(" lake-park=\\[chaos_lake_1 parked-after=([0-9.]+)s" + LAKE_WHILE_PARKED
                + " writes=(\\d+) resumed\\] ").matcher(summary);
        assertThat(lakePark.find()).as("parked by the lake and resumed: %s%n%s", summary, out).isTrue();
        assertShopFlowedIntoTheLake(lakePark, 2, summary);
        assertThat(out).contains("the lakehouse job parked chaos_lake_1 after")
                .containsAnyOf("DELTA_VIOLATE_CONSTRAINT", ChaosLakeConstraint.CONSTRAINT);
        assertThat(out).contains("cdc-engine parked shop.chaos_alter_1 after").contains("(schema_refused)")
                .contains("the slot's confirmed_flush_lsn passed").contains("lakehouse-job: not parked");
        assertThat(Integer.parseInt(result[0])).as("exit code; summary %s%n%s", summary, out).isZero();
        assertThat(summary).contains("reconcile=EQUAL").contains("seed=20261121").endsWith("exit=0");

        Map<String, Integer> faults = new HashMap<>();
        Matcher m = FAULT.matcher(summary.substring(summary.indexOf('[') + 1, summary.indexOf(']')));
        while (m.find()) {
            faults.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        for (ChaosFault f : ChaosFault.values()) {
            assertThat(faults.get(f.id())).as("%s performed in: %s", f.id(), summary).isPositive();
        }
        Matcher poison = Pattern.compile(" poison=(\\d+)/(\\d+) ").matcher(summary);
        assertThat(poison.find()).as(summary).isTrue();
        assertThat(poison.group(1)).isEqualTo("3").isEqualTo(poison.group(2));
        Matcher wal = Pattern.compile("idle-wal-max=[^ ]+ [A-Za-z]+/").matcher(summary);
        assertThat(wal.find()).as("the idle phase ran: %s", summary).isTrue();
        assertThat(out).contains("FAULT kill -9 cdc-engine during its initial snapshot");

        // the stack left running: another process sees the supervisor's restarts in the run records
        String[] status = cli(120, "status", "--json");
        JsonNode services = JSON.readTree(status[1]).get("services");
        Map<String, JsonNode> byName = new HashMap<>();
        services.forEach(s -> byName.put(s.get("name").asText(), s));
        assertThat(byName.get("kafka").get("restarts").asInt()).as(status[1]).isPositive();
        assertThat(byName.get("kafka").get("state").asText()).isEqualTo("healthy");
        assertThat(byName.get("cdc-engine").get("restarts").asInt()).as(status[1]).isGreaterThanOrEqualTo(2);
        assertThat(byName.get("cdc-engine").get("lastExitCode").asInt()).isEqualTo(137);
        assertThat(byName.get("cdc-engine").get("state").asText()).isEqualTo("running");
        assertThat(byName.get("lakehouse-job").get("restarts").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(byName.get("schema-registry").get("restarts").asInt()).as("a deliberate stop is no restart").isZero();

        // the schema changes happened during the storm: the registry holds new value schemas of the altered tables
        java.net.http.HttpResponse<String> versions = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + ports.registry()
                        + "/subjects/tributary.shop.orders-value/versions")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(versions.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(versions.body()).size()).as("versions of tributary.shop.orders-value: %s", versions.body())
                .isGreaterThanOrEqualTo(2);
        // the refused schema was accepted as a new version, and the one-time override did not stay behind
        assertThat(JSON.readTree(get("/subjects/tributary.shop.chaos_alter_1-value/versions").body()).size()).isEqualTo(2);
        assertThat(get("/config/tributary.shop.chaos_alter_1-value").statusCode()).as("no subject-level compatibility left").isEqualTo(404);

        // silver holds the edge values as PostgreSQL does: numeric without precision as a string of its exact digits,
        // timestamps of years 1 and 9999 unchanged (after the updates: id 2's amount is NULL, its timestamp 0001-...01)
        String[] sql = cli(600, "sql", "SELECT id, amount, typeof(amount) AS amount_type, CAST(at_local AS STRING) AS at_local,"
                + " CAST(due AS STRING) AS due FROM silver.chaos_edge_1 WHERE id IN (1, 2, 3, 4) ORDER BY id", "--format", "csv");
        assertThat(Integer.parseInt(sql[0])).as(sql[2]).isZero();
        assertThat(sql[1].lines().filter(l -> l.matches("^\\d+,.*")).toList()).containsExactly(
                "1,0.000000000000000001,string,0001-01-01 00:00:00,0001-01-01",
                "2,,string,0001-01-01 00:00:00.000001,9999-12-31",
                "3,3.14159265358979323846264338327950288,string,9999-12-31 23:59:59.999999,9999-12-31",
                "4,0.1,string,0001-01-01 00:00:00,9999-12-31");

        String[] down = cli(180, "down");
        assertThat(Integer.parseInt(down[0])).isZero();
        assertThat(dataDir.resolve("run")).isEmptyDirectory();
    }

    private static java.net.http.HttpResponse<String> get(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + ports.registry() + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> portOptions() throws Exception {
        int[] metrics = new int[3];
        for (int i = 0; i < 3; i++) {
            metrics[i] = StackPorts.freePort();
        }
        return List.of("--postgres-port", Integer.toString(ports.postgres()), "--kafka-port", Integer.toString(ports.kafka()),
                "--kafka-controller-port", Integer.toString(ports.kafkaController()),
                "--registry-port", Integer.toString(ports.registry()), "--s3-port", Integer.toString(ports.s3()),
                "--cdc-metrics-port", Integer.toString(metrics[0]), "--lakehouse-metrics-port", Integer.toString(metrics[1]),
                "--simulator-metrics-port", Integer.toString(metrics[2]));
    }

    /** Runs the CLI in its own JVM on this test's data dir: {exit code, stdout, stderr}. */
    private static String[] cli(int timeoutSeconds, String... args) throws Exception {
        Path out = Files.createTempFile(dataDir, "cli", ".out");
        Path err = Files.createTempFile(dataDir, "cli", ".err");
        Path root = Path.of("").toAbsolutePath().getParent();
        String cp = root.resolve("platform/target/classes") + File.pathSeparator
                + Files.readString(root.resolve("platform/target/runtime.classpath")).strip();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dtributary.home=" + root, "-cp", cp, TributaryMain.class.getName(), args[0],
                "--data-dir", dataDir.toString()));
        command.addAll(List.of(args).subList(1, args.length));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tributary " + String.join(" ", args) + " did not return in " + timeoutSeconds + " s:\n"
                    + Files.readString(out) + "\n" + Files.readString(err));
        }
        return new String[] {Integer.toString(p.exitValue()), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8)};
    }
}
