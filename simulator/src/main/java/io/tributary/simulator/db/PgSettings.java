package io.tributary.simulator.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Where and as whom to connect: the application role {@code tributary_app}, which owns schema shop.
 * Parsed once from the environment (names in docs/DEVELOPING.md) with command-line overrides;
 * the password comes only from the environment or a file, never from the command line or a log.
 */
public record PgSettings(String host, int port, String database, String user, String password) {

    public static final String HOST = "TRIBUTARY_PG_HOST";
    public static final String PORT = "TRIBUTARY_PG_PORT";
    public static final String DATABASE = "TRIBUTARY_PG_DATABASE";
    public static final String USER = "TRIBUTARY_APP_USER";
    public static final String PASSWORD = "TRIBUTARY_APP_PASSWORD";
    public static final String PASSWORD_FILE = "TRIBUTARY_APP_PASSWORD_FILE";

    public PgSettings {
        require(host, HOST);
        require(database, DATABASE);
        require(user, USER);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(PORT + " must be a port between 1 and 65535, got " + port);
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no password for " + user + ": set " + PASSWORD + " or " + PASSWORD_FILE
                    + " (or --pg-password-file)");
        }
    }

    /**
     * Settings from {@code env}, each overridden by the matching non-null argument.
     */
    public static PgSettings resolve(Map<String, String> env, String host, Integer port, String database,
                                     String user, Path passwordFile) {
        String h = first(host, env.get(HOST), "127.0.0.1");
        int p = port != null ? port : parsePort(first(null, env.get(PORT), "15432"));
        String d = first(database, env.get(DATABASE), "tributary");
        String u = first(user, env.get(USER), "tributary_app");
        String secret;
        if (passwordFile != null) {
            secret = readSecret(passwordFile, "--pg-password-file");
        } else if (env.get(PASSWORD) != null && !env.get(PASSWORD).isEmpty()) {
            secret = env.get(PASSWORD);
        } else if (env.get(PASSWORD_FILE) != null && !env.get(PASSWORD_FILE).isEmpty()) {
            secret = readSecret(Path.of(env.get(PASSWORD_FILE)), PASSWORD_FILE);
        } else {
            secret = null;
        }
        return new PgSettings(h, p, d, u, secret);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Connection connect(String applicationName) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("connectTimeout", "10");
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }

    private static String readSecret(Path file, String key) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot read the password file " + file + ": " + e.getMessage(), e);
        }
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT + " must be a number, got '" + text + "'", e);
        }
    }

    private static String first(String override, String env, String fallback) {
        if (override != null && !override.isBlank()) {
            return override;
        }
        return env != null && !env.isBlank() ? env : fallback;
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
    }
}
