package io.tributary.configuration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where and as whom a process reaches PostgreSQL, and how it opens a connection there: the role's password, the
 * application name {@code pg_stat_activity} shows, a 10 s connect timeout and TCP keep-alive. The PostgreSQL driver
 * is the caller's (this module depends on the JDK only). {@link #toString()} never shows the password.
 */
public record PostgresConnectionSettings(String host, int port, String database, String user, String password) {

    /** Seconds a connection attempt may take before it fails. */
    static final String CONNECT_TIMEOUT_SECONDS = "10";

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The JDBC properties of a connection named {@code applicationName} in {@code pg_stat_activity}. */
    public Properties properties(String applicationName) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        props.setProperty("tcpKeepAlive", "true");
        return props;
    }

    /** A new connection (autocommit on), named {@code applicationName} in {@code pg_stat_activity}. */
    public Connection connect(String applicationName) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), properties(applicationName));
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}
