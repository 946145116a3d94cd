package io.tributary.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start of a cluster: creates database {@code tributary} and applies {@code init-db/NN-*.sql} in order, as the
 * superuser, with the psql variables {@code app_password} / {@code cdc_password} / {@code scheduler_password}
 * substituted. All files run in one transaction, so a failure leaves nothing half-applied; a marker file records the
 * files applied, so each runs once: a file added to init-db later is applied at the next start of an existing cluster.
 */
final class PostgresBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresBootstrap.class);

    private final PostgresServer server;
    private final Path initDir;
    private final Path marker;
    private final StackSecrets secrets;

    PostgresBootstrap(PostgresServer server, Path initDir, Path marker, StackSecrets secrets) {
        this.server = server;
        this.initDir = initDir;
        this.marker = marker;
        this.secrets = secrets;
    }

    void applyOnce() {
        List<Path> files = sqlFiles(initDir);
        boolean initialised = Files.exists(marker);
        try {
            List<Path> pending = pending(files, initialised ? Files.readAllLines(marker, StandardCharsets.UTF_8) : List.of());
            if (pending.isEmpty()) {
                return;
            }
            if (!initialised) {
                createDatabase();
            }
            PsqlVariableSubstitution variables = new PsqlVariableSubstitution(Map.of(
                    "app_password", secrets.appPassword(), "cdc_password", secrets.cdcPassword(),
                    "scheduler_password", secrets.schedulerPassword()));
            try (Connection c = server.superConnection(PostgresEndpoint.DATABASE)) {
                c.setAutoCommit(false);
                for (Path file : pending) {
                    String sql = variables.apply(Files.readString(file, StandardCharsets.UTF_8), file.toString());
                    try (Statement st = c.createStatement()) {
                        st.execute(sql);
                    } catch (SQLException e) {
                        c.rollback();
                        throw new StackException(file + " failed: " + e.getMessage() + ". Nothing of " + initDir
                                + " was applied; fix the file and start again.", e);
                    }
                    LOG.info("Applied {}", file.getFileName());
                }
                c.commit();
            }
            String names = String.join("\n", pending.stream().map(f -> f.getFileName().toString()).toList()) + "\n";
            if (initialised) {
                Files.writeString(marker, "# added to init-db later, applied " + Instant.now() + "\n" + names,
                        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } else {
                Files.writeString(marker, "# init-db applied " + Instant.now() + "\n" + names, StandardCharsets.UTF_8);
            }
        } catch (SQLException | IOException e) {
            throw new StackException("Cannot initialise database " + PostgresEndpoint.DATABASE + " from " + initDir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The files still to apply: every one on a new cluster; on a cluster initialised earlier (its marker's lines name
     * the files applied), those added to init-db since, e.g. a new stage's role and schema on an existing data dir.
     */
    static List<Path> pending(List<Path> files, List<String> markerLines) {
        Set<String> applied = markerLines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .collect(Collectors.toSet());
        return files.stream().filter(f -> !applied.contains(f.getFileName().toString())).toList();
    }

    private void createDatabase() throws SQLException {
        try (Connection c = server.superConnection("postgres");
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, PostgresEndpoint.DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + PostgresEndpoint.DATABASE + " ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
            }
            LOG.info("Created database {}", PostgresEndpoint.DATABASE);
        }
    }

    /** {@code NN-*.sql} files of {@code dir}, in name order. */
    static List<Path> sqlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new StackException("The init-db folder " + dir + " does not exist; run from the Tributary source tree or set "
                    + "-Dtributary.home / TRIBUTARY_HOME to it");
        }
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> files = list.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.sql")).sorted().toList();
            if (files.isEmpty()) {
                throw new StackException("No NN-*.sql file in " + dir);
            }
            return files;
        } catch (IOException e) {
            throw new StackException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
