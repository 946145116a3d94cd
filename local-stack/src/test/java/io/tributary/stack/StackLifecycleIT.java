package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.net.URI;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Supervisor behaviour: pid files, attach from another handle, status, launch, stopAll, port conflicts. */
class StackLifecycleIT {

    @Test
    void detachedServerIsSeenAndStoppedByAnotherHandle() {
        StackSettings settings = StackSettings.forTests(TestDirs.fresh(StackLifecycleIT.class));
        long pid;
        try (LocalStack first = LocalStack.start(settings, Service.S3)) {
            pid = first.pid(Service.S3);
            first.detach();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        assertThat(settings.runDir().resolve("s3.json")).exists();

        LocalStack second = LocalStack.attach(settings);
        List<ServiceStatus> status = second.status();
        assertThat(status).filteredOn(s -> s.name().equals("s3")).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(ServiceStatus.State.HEALTHY);
            assertThat(s.pid()).isEqualTo(pid);
            assertThat(s.endpoint()).isEqualTo("http://127.0.0.1:" + settings.ports().s3());
            assertThat(s.dataBytes()).isGreaterThanOrEqualTo(0);
        });
        assertThat(status).filteredOn(s -> s.name().equals("postgres")).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(ServiceStatus.State.STOPPED));

        second.stopAll();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(settings.runDir().resolve("s3.json")).doesNotExist();
    }

    @Test
    void killedServerShowsAsDeadUntilRestarted() {
        StackSettings settings = StackSettings.forTests(TestDirs.fresh(StackLifecycleIT.class));
        try (LocalStack stack = LocalStack.start(settings, Service.S3)) {
            stack.kill(Service.S3);
            assertThat(LocalStack.attach(settings).status()).filteredOn(s -> s.name().equals("s3")).singleElement()
                    .satisfies(s -> {
                        assertThat(s.state()).isEqualTo(ServiceStatus.State.DEAD);
                        assertThat(s.pid()).isNull();
                    });
            stack.start(Service.S3);
            assertThat(stack.status()).filteredOn(s -> s.name().equals("s3")).singleElement()
                    .satisfies(s -> assertThat(s.state()).isEqualTo(ServiceStatus.State.HEALTHY));
        }
    }

    @Test
    void launchedModuleProcessGetsItsLogExitCodeAndEnvironment() throws Exception {
        StackSettings settings = StackSettings.forTests(TestDirs.fresh(StackLifecycleIT.class));
        try (LocalStack stack = LocalStack.attach(settings)) {
            // local-stack's own classpath holds Kafka's tools: a real main that prints and exits
            ManagedProcess p = stack.launch(ModuleLaunch.of("local-stack", "kafka.tools.StorageTool",
                    List.of("random-uuid"), Map.of("TRIBUTARY_EXTRA", "x"), List.of("-Xmx64m")).named("uuid-tool"));
            assertThat(p.waitFor(Duration.ofSeconds(60))).isTrue();
            assertThat(p.exitCode()).hasValue(0);
            assertThat(p.logFile()).isEqualTo(settings.logsDir().resolve("uuid-tool.log"));
            List<String> lines = Files.readAllLines(p.logFile());
            assertThat(lines.get(0)).startsWith("==== ").contains("starting uuid-tool");
            assertThat(lines).anyMatch(l -> l.matches("[A-Za-z0-9_-]{22}"));
        }
    }

    @Test
    void supervisorRestartsASigkilledServerButNotADeliberatelyStoppedOne() throws Exception {
        StackSettings settings = StackSettings.forTests(TestDirs.fresh(StackLifecycleIT.class));
        try (LocalStack stack = LocalStack.start(settings, Service.S3);
                Supervisor supervisor = Supervisor.start(stack, FAST)) {
            assertThat(supervisor.active()).isTrue();
            try (Supervisor second = Supervisor.start(LocalStack.attach(settings), FAST)) {
                assertThat(second.active()).as("one supervisor per data dir").isFalse();
            }
            long before = stack.pid(Service.S3);
            ProcessHandle.of(before).orElseThrow().destroyForcibly(); // SIGKILL from outside the stack

            // another handle (what `tributary status --json` uses) sees it back: new pid, healthy, one restart
            ServiceStatus s3 = awaitStatus(settings, "s3", s -> s.state() == ServiceStatus.State.HEALTHY && s.pid() != before);
            assertThat(s3.supervision().restarts()).isEqualTo(1);
            assertThat(s3.supervision().lastRestartAt()).isNotNull();
            assertThat(supervisor.restarts()).containsEntry("s3", 1);
            try (S3Client client = S3Client.builder().endpointOverride(URI.create(stack.s3().endpoint()))
                    .region(Region.of(stack.s3().region())).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(stack.s3().accessKey(), stack.s3().secretKey())))
                    .build()) {
                client.putObject(b -> b.bucket("lakehouse").key("after-restart"), RequestBody.fromString("back"));
                assertThat(client.getObjectAsBytes(b -> b.bucket("lakehouse").key("after-restart")).asUtf8String()).isEqualTo("back");
            }

            stack.stop(Service.S3);
            // a deliberate stop: several supervisor passes later it is still stopped
            Thread.sleep(Supervisor.POLL.multipliedBy(6).toMillis());
            assertThat(stack.isRunning(Service.S3)).isFalse();
            assertThat(LocalStack.attach(settings).status()).filteredOn(s -> s.name().equals("s3")).singleElement()
                    .satisfies(s -> assertThat(s.state()).isEqualTo(ServiceStatus.State.STOPPED));
        }
    }

    @Test
    void oneShotThatExitsZeroStaysDoneWhileAServiceThatKeepsExitingIsRestartedThenGivenUp() {
        StackSettings settings = StackSettings.forTests(TestDirs.fresh(StackLifecycleIT.class));
        RestartPolicy twice = new RestartPolicy(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMinutes(1), 2,
                Duration.ofMinutes(10));
        try (LocalStack stack = LocalStack.attach(settings); Supervisor supervisor = Supervisor.start(stack, twice)) {
            ModuleLaunch tool = ModuleLaunch.of("local-stack", "kafka.tools.StorageTool", List.of("random-uuid"), Map.of(),
                    List.of("-Xmx64m"));
            ManagedProcess oneShot = stack.launchOneShot(tool.named("one-shot"));
            stack.launch(tool.named("not-meant-to-exit"));
            assertThat(oneShot.waitFor(Duration.ofSeconds(60))).isTrue();

            ServiceStatus failed = awaitStatus(settings, "not-meant-to-exit", s -> s.state() == ServiceStatus.State.FAILED);
            assertThat(failed.supervision().restarts()).isEqualTo(2);
            assertThat(failed.supervision().lastExitCode()).isZero();
            assertThat(failed.detail()).contains("giving up");
            assertThat(stack.runRecord("one-shot")).hasValueSatisfying(r -> assertThat(r.restarts()).isZero());
            assertThat(supervisor.restarts()).doesNotContainKey("one-shot");
        }
    }

    private static final RestartPolicy FAST = new RestartPolicy(Duration.ofMillis(200), Duration.ofSeconds(2),
            Duration.ofMinutes(1), 5, Duration.ofMinutes(10));

    private static ServiceStatus awaitStatus(StackSettings settings, String name, Predicate<ServiceStatus> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        ServiceStatus last = null;
        while (System.nanoTime() < deadline) {
            last = LocalStack.attach(settings).status().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
            if (last != null && condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("status of " + name + " never matched; last: " + last);
    }

    @Test
    void takenPortFailsFastNamingPortAndOption() throws Exception {
        StackSettings settings = StackSettings.forTests(TestDirs.fresh(StackLifecycleIT.class));
        try (ServerSocket squatter = new ServerSocket(settings.ports().s3(), 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalStack.start(settings, Service.S3))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("Port " + settings.ports().s3())
                    .hasMessageContaining("--s3-port");
        }
        assertThat(settings.runDir().resolve("s3.json")).doesNotExist();
    }

    @Test
    void serviceEnvironmentCarriesEveryDocumentedVariable() {
        StackSettings settings = StackSettings.forTests(TestDirs.fresh(StackLifecycleIT.class));
        try (LocalStack stack = LocalStack.attach(settings)) {
            Map<String, String> env = stack.serviceEnvironment();
            assertThat(env).containsKeys("TRIBUTARY_PG_HOST", "TRIBUTARY_PG_PORT", "TRIBUTARY_PG_DATABASE", "TRIBUTARY_APP_USER",
                    "TRIBUTARY_APP_PASSWORD", "TRIBUTARY_CDC_USER", "TRIBUTARY_CDC_PASSWORD", "TRIBUTARY_KAFKA_BOOTSTRAP",
                    "TRIBUTARY_SCHEMA_REGISTRY_URL", "TRIBUTARY_S3_ENDPOINT", "TRIBUTARY_S3_REGION", "TRIBUTARY_S3_BUCKET",
                    "TRIBUTARY_S3_ACCESS_KEY", "TRIBUTARY_S3_SECRET_KEY", "TRIBUTARY_TOPIC_PREFIX");
            assertThat(env).containsEntry("TRIBUTARY_PG_PORT", Integer.toString(settings.ports().postgres()))
                    .containsEntry("TRIBUTARY_KAFKA_BOOTSTRAP", "127.0.0.1:" + settings.ports().kafka())
                    .containsEntry("TRIBUTARY_S3_BUCKET", "lakehouse")
                    .containsEntry("TRIBUTARY_APP_USER", "tributary_app");
            Path secret = settings.secretsDir().resolve("app_password");
            assertThat(env.get("TRIBUTARY_APP_PASSWORD")).isEqualTo(readTrimmed(secret));
        }
    }

    private static String readTrimmed(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
