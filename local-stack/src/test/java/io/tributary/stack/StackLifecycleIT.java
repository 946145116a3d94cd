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
import org.junit.jupiter.api.Test;

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
