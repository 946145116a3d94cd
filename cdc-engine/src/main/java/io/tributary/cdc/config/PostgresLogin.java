package io.tributary.cdc.config;

import java.util.Properties;

/** The JDBC properties of the engine's own PostgreSQL connections (besides Debezium's): the CDC role and timeouts. */
public final class PostgresLogin {
    private PostgresLogin() {
    }

    /**
     * @param applicationName what {@code pg_stat_activity} shows for the connection
     * @param timeoutSeconds  connect and socket timeout
     */
    public static Properties of(String user, String password, String applicationName, long timeoutSeconds) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", Long.toString(Math.min(timeoutSeconds, 10)));
        p.setProperty("socketTimeout", Long.toString(timeoutSeconds));
        p.setProperty("ApplicationName", applicationName);
        return p;
    }
}
