package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.stack.LocalStack;
import io.tributary.stack.ModuleLaunch;
import io.tributary.stack.PostgresEndpoint;
import io.tributary.stack.S3Endpoint;
import io.tributary.stack.Service;
import io.tributary.stack.StackPorts;
import io.tributary.stack.StackSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml proven without Docker: the file is validated (Debian's docker-compose when installed, else a
 * structural check) and agrees with docs/DEVELOPING.md; then simulator-load, cdc-engine, lakehouse-job and simulator run
 * as local processes with exactly the command and environment compose gives them (Dockerfile stage ENV + service
 * environment, variables from .env.example), only the compose endpoints, demo secrets, container paths and metrics
 * ports mapped to the local stack's. The pipeline must work with that: reconcile finds the lake equal to PostgreSQL.
 */
class DockerComposeParityIT {
    static final List<String> PIPELINE = List.of("simulator-load", "cdc-engine", "lakehouse-job", "simulator");
    static Path root;
    static Path dir;
    static LocalStack stack;
    static ComposeFile compose;
    static Map<String, String> variables;
    static final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        root = Path.of("").toAbsolutePath().getParent();
        compose = ComposeFile.read(root.resolve("docker-compose.yml"));
        variables = ComposeFile.readEnvFile(root.resolve(".env.example"));
        dir = Path.of("target", "it-stacks", "DockerComposeParityIT-" + System.currentTimeMillis()).toAbsolutePath();
        stack = LocalStack.start(StackSettings.forTests(dir), Service.values());
    }

    @AfterAll
    static void stop() {
        processes.forEach(p -> {
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theComposeFileIsValidAndAgreesWithTheContract() throws Exception {
        if (PsqlCommand.onPath("docker-compose").isPresent()) {
            Process p = new ProcessBuilder("docker-compose", "--env-file", ".env.example", "-f", "docker-compose.yml",
                    "--profile", "spark-cluster", "config", "-q").directory(root.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("docker-compose config: %s", out).isZero();
        }
        // structural: every service runs an image or a build, depends_on names services with valid conditions
        Map<String, Map<String, Object>> services = compose.services();
        assertThat(services).containsKeys("postgres", "kafka", "schema-registry", "minio", "minio-init", "simulator-load",
                "cdc-engine", "lakehouse-job", "simulator");
        services.forEach((name, s) -> {
            assertThat(s.containsKey("image") || s.containsKey("build")).as("%s has an image or a build", name).isTrue();
            if (s.get("depends_on") instanceof Map<?, ?> deps) {
                deps.forEach((dep, cond) -> {
                    assertThat(services).as("%s depends on %s", name, dep).containsKey(dep.toString());
                    assertThat(((Map<?, ?>) cond).get("condition").toString()).isIn("service_started", "service_healthy",
                            "service_completed_successfully");
                });
            }
        });
        for (String service : PIPELINE) {
            Map<String, String> env = compose.environment(service, variables);
            assertThat(env).containsEntry("TRIBUTARY_TOPIC_PREFIX", "tributary").containsEntry("TRIBUTARY_PG_DATABASE", "tributary")
                    .containsEntry("TRIBUTARY_S3_BUCKET", "lakehouse").containsEntry("TRIBUTARY_PG_HOST", "postgres")
                    .containsEntry("TRIBUTARY_PG_PORT", "5432").containsEntry("TRIBUTARY_KAFKA_BOOTSTRAP", "kafka:9092")
                    .containsEntry("TRIBUTARY_SCHEMA_REGISTRY_URL", "http://schema-registry:8081")
                    .containsEntry("TRIBUTARY_S3_ENDPOINT", "http://minio:9000");
        }
        assertThat(compose.service("minio-init").get("entrypoint").toString()).contains("mc mb --ignore-existing local/lakehouse");
        // every TRIBUTARY_* variable compose sets (or the Dockerfile) is documented: a typo would be silently ignored
        String docs;
        try (Stream<Path> pages = Files.list(root.resolve("docs"))) {
            StringBuilder sb = new StringBuilder();
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).toList()) {
                sb.append(Files.readString(page));
            }
            docs = sb.toString();
        }
        TreeSet<String> names = new TreeSet<>();
        for (String service : compose.services().keySet()) {
            names.addAll(compose.environment(service, variables).keySet());
        }
        ComposeFile.dockerfileStages(root.resolve("Dockerfile")).values().forEach(s -> names.addAll(s.env().keySet()));
        for (String name : names) {
            if (name.startsWith("TRIBUTARY_") && !name.equals("TRIBUTARY_INIT_DIR")) {
                assertThat(docs).as("%s (set by docker-compose.yml or the Dockerfile) is documented in docs/", name).contains(name);
            }
        }
        // every variable compose requires is in .env.example
        Matcher required = Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(Files.readString(root.resolve("docker-compose.yml")));
        while (required.find()) {
            assertThat(variables).as(".env.example defines %s", required.group(1)).containsKey(required.group(1));
        }
    }

    @Test
    void thePipelineServicesWorkWithExactlyTheirComposeCommandAndEnvironment() throws Exception {
        Map<String, ComposeFile.Stage> stages = ComposeFile.dockerfileStages(root.resolve("Dockerfile"));
        Map<String, String> vars = new HashMap<>(variables);
        // the demo secrets of .env.example become the local stack's
        PostgresEndpoint pg = stack.postgres();
        S3Endpoint s3 = stack.s3();
        vars.put("TRIBUTARY_APP_PASSWORD", pg.appPassword());
        vars.put("TRIBUTARY_CDC_PASSWORD", pg.cdcPassword());
        vars.put("TRIBUTARY_S3_ACCESS_KEY", s3.accessKey());
        vars.put("TRIBUTARY_S3_SECRET_KEY", s3.secretKey());
        Map<String, Integer> metricsPorts = new HashMap<>();

        Process load = run("simulator-load", stages, vars, metricsPorts);
        assertThat(load.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(load.exitValue()).as("simulator load; see %s", dir.resolve("logs/simulator-load.log")).isZero();
        Process cdc = run("cdc-engine", stages, vars, metricsPorts);
        Process lake = run("lakehouse-job", stages, vars, metricsPorts);
        Process simulator = run("simulator", stages, vars, metricsPorts);

        MetricsScraper scraper = new MetricsScraper();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(cdc.isAlive()).as("cdc-engine alive").isTrue();
            assertThat(lake.isAlive()).as("lakehouse-job alive").isTrue();
            assertThat(scraper.scrape(metricsPorts.get("simulator")).map(m -> m.sum("tributary_simulator_changes_total"))
                    .orElse(0.0)).isGreaterThan(1000);
        });
        simulator.destroy(); // SIGTERM, as docker stop
        assertThat(simulator.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // a JVM ended by SIGTERM exits 143 after its shutdown hook, which prints the run summary
        assertThat(simulator.exitValue()).isIn(0, 143);
        assertThat(Files.readString(dir.resolve("logs/simulator.log"))).contains("\"workers\"");

        LakehouseTool.Result reconcile = new LakehouseTool(stack).run("reconcile", LakehouseTool.RECONCILE_MAIN,
                List.of("--json", "--timeout", "300s"), null);
        assertThat(reconcile.exitCode()).as("reconcile: %s; log %s", reconcile.stdout(), reconcile.log()).isZero();
        ReconcileSummary summary = ReconcileSummary.parse(reconcile.stdout());
        assertThat(summary.caughtUp()).isTrue();
        assertThat(summary.tables()).extracting(ReconcileSummary.Table::name).containsExactly("customers", "orders", "products");
        assertThat(summary.tables()).allSatisfy(t -> {
            assertThat(t.equal()).as(t.name()).isTrue();
            assertThat(t.silverRows()).as(t.name()).isPositive();
        });
        assertThat(summary.tables().get(1).bronzeRows()).as("orders bronze: the snapshot and the simulated changes")
                .isGreaterThan(12_000);
        assertThat(scraper.scrape(metricsPorts.get("lakehouse-job"))).as("lakehouse-job /metrics on the compose port mapping")
                .hasValueSatisfying(m -> assertThat(m.sum("tributary_lakehouse_batches_total")).isPositive());
    }

    /**
     * Starts a compose service as a local process: the Dockerfile stage's ENTRYPOINT main class and ENV, the service's
     * command and environment, with nothing else in the environment; only endpoints, paths and ports are mapped.
     */
    private Process run(String service, Map<String, ComposeFile.Stage> stages, Map<String, String> vars,
            Map<String, Integer> metricsPorts) throws IOException {
        String target = compose.buildTarget(service);
        ComposeFile.Stage stage = stages.get(target);
        assertThat(stage).as("Dockerfile stage %s of service %s", target, service).isNotNull();
        List<String> entrypoint = stage.entrypoint();
        assertThat(entrypoint).as("ENTRYPOINT of stage %s", target).startsWith("java", "-cp");
        String mainClass = entrypoint.get(entrypoint.size() - 1);
        Map<String, String> env = new LinkedHashMap<>(stage.env());
        env.putAll(compose.environment(service, vars));
        Map<String, String> local = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            local.put(e.getKey(), toLocal(service, e.getKey(), e.getValue(), metricsPorts));
        }
        local.values().forEach(v -> assertThat(v).as("an unmapped compose endpoint or path in the environment of " + service)
                .doesNotContain("postgres:", "kafka:9092", "schema-registry:", "minio:", "/var/lib/tributary", "/app/"));
        String classpath = ModuleLaunch.of(target, mainClass, List.of(), Map.of(), List.of()).classpath(root);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + stack.settings().tmpDir(), "-cp", classpath, mainClass));
        command.addAll(compose.command(service, vars));
        Path log = dir.resolve("logs").resolve(service + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        // what the base image itself provides (eclipse-temurin sets PATH and HOME), then exactly the compose environment
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("HOME", dir.toString());
        builder.environment().putAll(local);
        Process p = builder.start();
        processes.add(p);
        return p;
    }

    private String toLocal(String service, String key, String value, Map<String, Integer> metricsPorts) throws IOException {
        PostgresEndpoint pg = stack.postgres();
        if (key.equals("TRIBUTARY_PG_HOST") && value.equals("postgres")) {
            return pg.host();
        }
        if (key.equals("TRIBUTARY_PG_PORT") && value.equals("5432")) {
            return Integer.toString(pg.port());
        }
        if (key.endsWith("_METRICS_PORT")) {
            int port = StackPorts.freePort();
            metricsPorts.put(service, port);
            return Integer.toString(port);
        }
        if (value.equals("0.0.0.0")) {
            return "127.0.0.1"; // bind addresses: containers listen on all interfaces, tests on loopback only
        }
        if (value.startsWith("/var/lib/tributary") || value.startsWith("/tmp/tributary")) {
            Path local = dir.resolve("volumes").resolve(service);
            Files.createDirectories(local);
            return local.toString();
        }
        if (value.startsWith("/app/csv-data")) {
            return root.resolve("csv-data").toString();
        }
        return value.replace("http://schema-registry:8081", stack.registryUrl())
                .replace("http://minio:9000", stack.s3().endpoint())
                .replace("kafka:9092", stack.kafkaBootstrap());
    }

}
