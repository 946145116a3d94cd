package io.tributary.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 17 from zonky's binaries, run by the stack itself (so it holds the postmaster pid). As root it runs
 * inside {@code unshare -U} (a user namespace where it is not root), which is how zonky solves PostgreSQL's refusal
 * to run as root.
 */
final class PostgresServer implements ServerDefinition {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

    /**
     * Server settings the pipeline relies on; {@code synchronous_commit=on} so a committed change is decodable at once;
     * {@code track_commit_timestamp=on} so {@code tributary trace} shows a row's commit time from PostgreSQL itself.
     */
    static final Map<String, String> SETTINGS = Map.of(
            "wal_level", "logical",
            "max_replication_slots", "16",
            "max_wal_senders", "16",
            "synchronous_commit", "on",
            "password_encryption", "scram-sha-256",
            "max_connections", "100",
            "log_min_messages", "info",
            "log_connections", "off",
            "track_commit_timestamp", "on");

    private final StackSettings settings;
    private final Supplier<StackSecrets> secrets;

    PostgresServer(StackSettings settings, Supplier<StackSecrets> secrets) {
        this.settings = settings;
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return Service.POSTGRES.id();
    }

    @Override
    public Map<Integer, String> ports() {
        return Map.of(settings.ports().postgres(), Service.POSTGRES.portOption());
    }

    Path home() {
        return settings.serviceDir(Service.POSTGRES);
    }

    Path pgdata() {
        return home().resolve("pgdata");
    }

    private Path dist() {
        return settings.postgresBinaries();
    }

    @Override
    public void prepare() throws IOException {
        PostgresBinaries.ensureExtracted(dist());
        if (Files.exists(pgdata().resolve("PG_VERSION"))) {
            return;
        }
        PostgresBinaries.deleteRecursively(pgdata());
        Files.createDirectories(home());
        Path pwfile = home().resolve(".initdb-pw");
        Files.deleteIfExists(pwfile);
        Files.writeString(Files.createFile(pwfile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                secrets.get().superPassword() + "\n", StandardCharsets.UTF_8);
        try {
            List<String> command = asNonRoot(List.of(dist().resolve("bin/initdb").toString(),
                    "-D", pgdata().toString(), "-U", PostgresEndpoint.SUPER_USER, "--pwfile=" + pwfile,
                    "--auth=scram-sha-256", "--locale=C", "--encoding=UTF8", "--no-instructions"));
            Path log = settings.logFile(Service.POSTGRES.id());
            Files.createDirectories(log.getParent());
            Process initdb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!initdb.waitFor(120, TimeUnit.SECONDS) || initdb.exitValue() != 0) {
                initdb.destroyForcibly();
                throw new StackException("initdb failed for " + pgdata() + "; see " + log + ":\n" + LogTail.of(log, 20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while running initdb", e);
        } finally {
            Files.deleteIfExists(pwfile);
        }
        // TCP only (no unix socket), password (SCRAM) for everyone, replication included.
        Files.writeString(pgdata().resolve("pg_hba.conf"), """
                # Written by the Tributary local stack: TCP on 127.0.0.1 only, SCRAM passwords.
                # TYPE  DATABASE     USER  ADDRESS        METHOD
                host    all          all   127.0.0.1/32   scram-sha-256
                host    replication  all   127.0.0.1/32   scram-sha-256
                """, StandardCharsets.UTF_8);
        LOG.info("Initialised PostgreSQL cluster in {}", pgdata());
    }

    @Override
    public ProcessSpec processSpec() {
        List<String> command = new ArrayList<>(List.of(dist().resolve("bin/postgres").toString(), "-D", pgdata().toString(),
                "-c", "port=" + settings.ports().postgres(),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories="));
        SETTINGS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> command.addAll(List.of("-c", e.getKey() + "=" + e.getValue())));
        return new ProcessSpec(Service.POSTGRES.id(), asNonRoot(command), Map.of("LC_ALL", "C", "TZ", "UTC"), home(),
                settings.logFile(Service.POSTGRES.id()), StopSignal.INT);
    }

    @Override
    public Probe probe() {
        try (Connection c = superConnection("postgres"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('server_version'), current_setting('wal_level')")) {
            rs.next();
            return Probe.up("PostgreSQL " + rs.getString(1) + ", wal_level=" + rs.getString(2));
        } catch (SQLException e) {
            return Probe.down(e.getMessage());
        }
    }

    @Override
    public void afterHealthy() {
        new PostgresBootstrap(this, settings.projectRoot().resolve("init-db"), home().resolve("init-db.applied"), secrets.get()).applyOnce();
    }

    @Override
    public Path dataDir() {
        return pgdata();
    }

    @Override
    public String endpoint() {
        return "postgresql://127.0.0.1:" + settings.ports().postgres() + "/" + PostgresEndpoint.DATABASE;
    }

    PostgresEndpoint connectionInfo() {
        return new PostgresEndpoint("127.0.0.1", settings.ports().postgres(), PostgresEndpoint.DATABASE,
                PostgresEndpoint.APP_USER, secrets.get().appPassword(), PostgresEndpoint.CDC_USER, secrets.get().cdcPassword(),
                PostgresEndpoint.SUPER_USER, secrets.get().superPassword());
    }

    Connection superConnection(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", PostgresEndpoint.SUPER_USER);
        props.setProperty("password", secrets.get().superPassword());
        props.setProperty("connectTimeout", "3");
        props.setProperty("socketTimeout", "30");
        props.setProperty("ApplicationName", "tributary-local-stack");
        return DriverManager.getConnection(connectionInfo().jdbcUrl(database), props);
    }

    /** PostgreSQL refuses to run as root: as root, run it in a fresh user namespace where it is not. */
    private static List<String> asNonRoot(List<String> command) {
        if (!RootCheck.isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("unshare", "-U"));
        wrapped.addAll(command);
        return wrapped;
    }
}
