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

    /**
     * Issue 9, least privilege in compose: the lake writer's MinIO user may only list its bucket and read/write/delete
     * objects in it; MinIO's root credentials reach only MinIO itself and the one-shot that creates that user; no
     * pipeline service gets a superuser or the root key.
     */
    @Test
    void composeGivesTheLakeWriterOnlyItsBucketAndTheRootKeysOnlyToMinio() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        com.fasterxml.jackson.databind.JsonNode policy = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(root.resolve("docker/minio-lakehouse-policy.json").toFile());
        java.util.Set<String> resources = new java.util.TreeSet<>();
        policy.get("Statement").forEach(statement -> {
            assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
            statement.get("Action").forEach(action -> assertThat(action.asText()).startsWith("s3:").doesNotContain("*")
                    .isNotIn("s3:DeleteBucket", "s3:PutBucketPolicy", "s3:CreateBucket"));
            statement.get("Resource").forEach(resource -> resources.add(resource.asText()));
        });
        assertThat(resources).containsExactly("arn:aws:s3:::lakehouse", "arn:aws:s3:::lakehouse/*");

        ComposeFile compose = ComposeFile.read(root.resolve("docker-compose.yml"));
        Map<String, String> demoEnv = ComposeFile.readEnvFile(root.resolve(".env.example"));
        for (String service : compose.services().keySet()) {
            Map<String, String> env = compose.environment(service, demoEnv);
            boolean minio = service.equals("minio") || service.equals("minio-init");
            assertThat(env.containsKey("MINIO_ROOT_PASSWORD")).as("%s gets MinIO's root password", service).isEqualTo(minio
                    && env.containsKey("MINIO_ROOT_PASSWORD"));
            if (!service.equals("postgres")) {
                assertThat(env.keySet()).as("%s gets PostgreSQL's superuser password", service).doesNotContain("POSTGRES_PASSWORD");
            }
            if (env.containsKey("TRIBUTARY_S3_SECRET_KEY")) {
                assertThat(env.get("TRIBUTARY_S3_SECRET_KEY")).as(service).isNotEqualTo(demoEnv.get("MINIO_ROOT_PASSWORD"));
                assertThat(env.get("TRIBUTARY_S3_ACCESS_KEY")).as(service).isNotEqualTo(demoEnv.get("MINIO_ROOT_USER"));
            }
        }
        assertThat(String.valueOf(compose.service("minio-init").get("entrypoint")))
                .contains("mc admin user add local \"$$TRIBUTARY_S3_ACCESS_KEY\"")
                .contains("mc admin policy attach local lakehouse-only --user \"$$TRIBUTARY_S3_ACCESS_KEY\"");
    }

    @Test
    void composeRunsEachStageWithTheLocalStacksHeap() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        ComposeFile compose = ComposeFile.read(root.resolve("docker-compose.yml"));
        Map<String, String> demoEnv = ComposeFile.readEnvFile(root.resolve(".env.example"));
        Map<String, String> heaps = Map.of("simulator-load", io.tributary.stack.StageHeaps.SIMULATOR_LOAD,
                "cdc-engine", io.tributary.stack.StageHeaps.CDC_ENGINE,
                "lakehouse-job", io.tributary.stack.StageHeaps.LAKEHOUSE_JOB,
                "simulator", io.tributary.stack.StageHeaps.SIMULATOR,
                "scheduler", io.tributary.stack.StageHeaps.SCHEDULER);
        heaps.forEach((service, heap) -> assertThat(compose.environment(service, demoEnv).get("JAVA_TOOL_OPTIONS"))
                .as("%s's heap in docker-compose.yml", service).isEqualTo(heap));
    }

    /**
     * The scheduler's service: its own login (the password also given to postgres's init-db), only variables the
     * scheduler reads, its main class, and its jobs on the lakehouse-job jars copied into its image.
     */
    @Test
    void composeRunsTheSchedulerWithItsOwnLoginAndOnlySettingsItReads() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        ComposeFile compose = ComposeFile.read(root.resolve("docker-compose.yml"));
        Map<String, String> demoEnv = ComposeFile.readEnvFile(root.resolve(".env.example"));
        Map<String, String> env = compose.environment("scheduler", demoEnv);
        ComposeFile.Stage stage = ComposeFile.dockerfileStages(root.resolve("Dockerfile")).get(compose.buildTarget("scheduler"));
        java.util.Set<String> known = new java.util.HashSet<>();
        io.tributary.scheduler.config.SchedulerSetting.CATALOG.settings().forEach(s -> known.add(s.envName()));
        java.util.Set<String> given = new java.util.TreeSet<>(env.keySet());
        given.addAll(stage.env().keySet());
        assertThat(given.stream().filter(k -> k.startsWith("TRIBUTARY_SCHEDULER_"))).isNotEmpty().allSatisfy(k ->
                assertThat(known).as("%s is a setting of the scheduler", k).contains(k));
        assertThat(env).containsEntry("TRIBUTARY_SCHEDULER_USER", io.tributary.stack.PostgresEndpoint.SCHEDULER_USER)
                .containsEntry("TRIBUTARY_SCHEDULER_PASSWORD", demoEnv.get("TRIBUTARY_SCHEDULER_PASSWORD"));
        assertThat(compose.environment("postgres", demoEnv))
                .containsEntry("TRIBUTARY_SCHEDULER_PASSWORD", demoEnv.get("TRIBUTARY_SCHEDULER_PASSWORD"));
        assertThat(compose.command("scheduler", demoEnv)).containsExactly("serve");
        assertThat(stage.entrypoint()).endsWith(io.tributary.contracts.stage.StageMain.SCHEDULER.className());
        assertThat(stage.env().get("TRIBUTARY_SCHEDULER_JOB_CLASSPATH")).isEqualTo("/app/lakehouse-job/*:/app/lakehouse-job/lib/*");
    }

    /**
     * Issue 24, the console in compose: its command is `tributary console` with options the command takes, the stages'
     * URLs name compose's services on the ports they serve /metrics on, its environment is what the console reads
     * (parsed as the command parses it), and the lakehouse job publishes the Spark UI the console links to.
     */
    @Test
    void composeRunsTheConsoleOnTheStagesAndServersOfCompose() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        ComposeFile compose = ComposeFile.read(root.resolve("docker-compose.yml"));
        Map<String, String> demoEnv = ComposeFile.readEnvFile(root.resolve(".env.example"));
        ComposeFile.Stage stage = ComposeFile.dockerfileStages(root.resolve("Dockerfile")).get(compose.buildTarget("console"));
        assertThat(stage.entrypoint()).endsWith(TributaryMain.class.getName());

        picocli.CommandLine cli = TributaryMain.commandLine();
        picocli.CommandLine.ParseResult parsed = cli.parseArgs(compose.command("console", demoEnv).toArray(String[]::new));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("console");
        ConsoleCommand console = (ConsoleCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(console.bind).isEqualTo("0.0.0.0");
        assertThat(String.valueOf(compose.service("console").get("ports"))).contains("127.0.0.1:" + console.port + ":" + console.port);
        Map<String, String> metricsPortVariables = Map.of(Pipeline.CDC_ENGINE, "TRIBUTARY_CDC_METRICS_PORT",
                Pipeline.LAKEHOUSE_JOB, "TRIBUTARY_LAKEHOUSE_METRICS_PORT", Pipeline.SIMULATOR, "TRIBUTARY_SIMULATOR_METRICS_PORT");
        assertThat(console.stages()).hasSize(3).allSatisfy((service, url) -> {
            assertThat(url.getHost()).as("the host of %s's URL", service).isEqualTo(service);
            assertThat(Integer.toString(url.getPort())).as("the port of %s's URL", service)
                    .isEqualTo(compose.environment(service, demoEnv).get(metricsPortVariables.get(service)));
        });

        Map<String, String> env = compose.environment("console", demoEnv);
        ConsoleAddresses addresses = ConsoleAddresses.of(env, console.stages());
        assertThat(addresses.postgres().jdbcUrl()).isEqualTo("jdbc:postgresql://postgres:5432/tributary");
        assertThat(addresses.postgres().appPassword()).isEqualTo(demoEnv.get("TRIBUTARY_APP_PASSWORD"));
        assertThat(addresses.kafkaBootstrap()).isEqualTo("kafka:9092");
        assertThat(addresses.registryUrl()).isEqualTo("http://schema-registry:8081");
        assertThat(addresses.lake().endpoint()).isEqualTo("http://minio:9000");
        assertThat(addresses.lake().accessKey()).isEqualTo(demoEnv.get("TRIBUTARY_S3_ACCESS_KEY"));
        // the topic prefix comes with the environment every pipeline service shares; the console lists every topic
        java.util.Set<String> read = new java.util.HashSet<>(java.util.Set.of("TRIBUTARY_TOPIC_PREFIX"));
        for (ConsoleSetting setting : ConsoleSetting.values()) {
            read.add(setting.definition().envName());
        }
        assertThat(env.keySet()).filteredOn(k -> k.startsWith("TRIBUTARY_")).allSatisfy(k ->
                assertThat(read).as("%s is read by the console", k).contains(k));

        Map<String, String> job = compose.environment("lakehouse-job", demoEnv);
        assertThat(job).containsEntry("SPARK_LOCAL_IP", "0.0.0.0");
        assertThat(String.valueOf(compose.service("lakehouse-job").get("ports")))
                .contains("127.0.0.1:" + job.get("TRIBUTARY_LAKEHOUSE_SPARK_UI_PORT") + ":" + job.get("TRIBUTARY_LAKEHOUSE_SPARK_UI_PORT"));
    }
}
