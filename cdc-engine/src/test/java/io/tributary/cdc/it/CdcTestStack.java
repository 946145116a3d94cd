package io.tributary.cdc.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tributary.stack.LocalStack;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.ModuleLaunch;
import io.tributary.stack.PostgresEndpoint;
import io.tributary.stack.Service;
import io.tributary.stack.StackSettings;

/** One local stack (PostgreSQL, Kafka, registry) per IT class, and the cdc-engine as a child process. */
final class CdcTestStack implements AutoCloseable {
    final LocalStack stack;
    final Path dir;
    final ChangeTopicReader reader;
    private final HttpClient http = HttpClient.newHttpClient();

    private CdcTestStack(LocalStack stack, Path dir) {
        this.stack = stack;
        this.dir = dir;
        this.reader = new ChangeTopicReader(stack.kafkaBootstrap(), stack.registryUrl());
    }

    static CdcTestStack start(String testName) {
        Path dir = Path.of("target/it-stacks/" + testName + "-" + System.currentTimeMillis()).toAbsolutePath();
        return new CdcTestStack(LocalStack.start(StackSettings.forTests(dir), Service.POSTGRES, Service.KAFKA, Service.REGISTRY), dir);
    }

    /** Engine settings for tests: short heartbeat and checks, own data dir, a free metrics port. */
    Map<String, String> engineEnv(String name) {
        Map<String, String> env = new HashMap<>();
        env.put("TRIBUTARY_CDC_DATA_DIR", dir.resolve(name).toString());
        env.put("TRIBUTARY_CDC_HEARTBEAT_INTERVAL", "1s");
        env.put("TRIBUTARY_CDC_WAL_CHECK_INTERVAL", "1s");
        env.put("TRIBUTARY_CDC_SEND_TIMEOUT", "30s");
        env.put("TRIBUTARY_CDC_METRICS_PORT", Integer.toString(freePort()));
        return env;
    }

    ManagedProcess launchEngine(String name, Map<String, String> env) {
        return launchEngine(name, env, List.of());
    }

    ManagedProcess launchEngine(String name, Map<String, String> env, List<String> args) {
        // C1 only starts faster (the kill test restarts often); -Dcdc.it.fullJit=true for throughput figures
        List<String> jvm = Boolean.getBoolean("cdc.it.fullJit") ? List.of("-Xmx384m")
                : List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        return stack.launch(ModuleLaunch.of("cdc-engine", "io.tributary.cdc.CdcEngineMain", args, env, jvm).named(name));
    }

    Connection app() throws SQLException {
        PostgresEndpoint pg = stack.postgres();
        return DriverManager.getConnection(pg.jdbcUrl(), pg.appUser(), pg.appPassword());
    }

    Connection superuser() throws SQLException {
        PostgresEndpoint pg = stack.postgres();
        return DriverManager.getConnection(pg.jdbcUrl(), pg.superUser(), pg.superPassword());
    }

    void app(String... statements) throws SQLException {
        try (Connection c = app(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    String metrics(int port) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static String log(ManagedProcess process) {
        try {
            return Files.readString(process.logFile());
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static int freePort() {
        return io.tributary.stack.StackPorts.freePort();
    }

    @Override
    public void close() {
        stack.close();
    }
}
