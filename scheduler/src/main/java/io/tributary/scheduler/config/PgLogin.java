package io.tributary.scheduler.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Where and as whom the scheduler reaches PostgreSQL. {@link #toString()} never shows the password. */
public record PgLogin(String host, int port, String database, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A new connection (autocommit on), named {@code tributary-scheduler} in pg_stat_activity. */
    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", "tributary-scheduler");
        props.setProperty("connectTimeout", "10");
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}
