package io.tributary.simulator;

import io.tributary.stack.LocalStack;
import io.tributary.stack.PostgresEndpoint;
import io.tributary.stack.Service;
import io.tributary.stack.StackSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the simulator's ITs run against: the real PostgreSQL 17 of the local stack (one per test class, its work
 * folder under target/it-stacks/, the app password in a file for {@code --pg-password-file}), the project's
 * committed files, and the /metrics endpoint of a running simulator. A test class registers it as a static
 * {@code @RegisterExtension} field: PostgreSQL starts before its first test and stops after its last.
 */
final class SimulatorItEnvironment implements BeforeAllCallback, AfterAllCallback {

    private LocalStack stack;
    private Path work;
    private Path passwordFile;

    /** Starts PostgreSQL in {@code target/it-stacks/<test class>-<millis>}. */
    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        work = Path.of("target/it-stacks/" + context.getRequiredTestClass().getSimpleName() + "-"
                + System.currentTimeMillis()).toAbsolutePath();
        stack = LocalStack.start(StackSettings.forTests(work.resolve("stack")), Service.POSTGRES);
        passwordFile = work.resolve("app-password");
        Files.writeString(passwordFile, stack.postgres().appPassword());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (stack != null) {
            stack.close();
        }
    }

    PostgresEndpoint pg() {
        return stack.postgres();
    }

    Path work() {
        return work;
    }

    Path passwordFile() {
        return passwordFile;
    }

    /** Runs the simulator's {@code command} in-process against this PostgreSQL (host, port, password file). */
    CliRun cli(String command, String... args) {
        return CliRun.of(withConnection(command, List.of(args)));
    }

    /** {@code command}, the options that connect it to this PostgreSQL, then {@code args}. */
    List<String> withConnection(String command, List<String> args) {
        List<String> all = new ArrayList<>(List.of(command, "--pg-host", pg().host(), "--pg-port",
                String.valueOf(pg().port()), "--pg-password-file", passwordFile.toString()));
        all.addAll(args);
        return all;
    }

    /** A connection as tributary_app, the role the simulator runs as. */
    Connection app() throws SQLException {
        PostgresEndpoint pg = pg();
        return DriverManager.getConnection(pg.jdbcUrl(), pg.appUser(), pg.appPassword());
    }

    Connection superUser() throws SQLException {
        PostgresEndpoint pg = pg();
        return DriverManager.getConnection(pg.jdbcUrl(), pg.superUser(), pg.superPassword());
    }

    /** Creates {@code schema} (as the superuser) owned by tributary_app; returns its name. */
    String createSchema(String schema) throws SQLException {
        try (Connection c = superUser(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema + " AUTHORIZATION tributary_app");
        }
        return schema;
    }

    /** Deadlocks PostgreSQL has detected in the database so far. */
    long deadlocks() throws SQLException {
        try (Connection c = app(); Statement st = c.createStatement()) {
            return single(st, "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
        }
    }

    /** The first column of the first row of {@code sql}, as a long. */
    static long single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Polls the simulator's /metrics on {@code port} for up to 30 s until it has counted a change of {@code kind};
     * returns the last page read.
     */
    static String scrapeWhileRunning(int port, String kind) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 30_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (last.contains("tributary_simulator_changes_total{kind=\"" + kind + "\"} ")
                        && !last.contains("kind=\"" + kind + "\"} 0\n")) {
                    return last;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
        }
        return last;
    }

    static int freePort() throws IOException {
        return io.tributary.stack.StackPorts.freePort();
    }

    /** A file or folder of the project (e.g. csv-data), found from the working directory upwards. */
    static Path projectFile(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(name))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(name + " not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve(name);
    }
}
