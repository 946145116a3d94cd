package io.tributary.stack;

/**
 * How to reach the stack's PostgreSQL. {@link #toString()} never shows a password.
 */
public record PostgresEndpoint(String host, int port, String database, String appUser, String appPassword,
        String cdcUser, String cdcPassword, String superUser, String superPassword) {

    public static final String DATABASE = "tributary";
    public static final String APP_USER = "tributary_app";
    public static final String CDC_USER = "tributary_cdc";
    public static final String SUPER_USER = "postgres";
    /** The scheduler's role (init-db/05-scheduler-role.sql): owns schema scheduler, nothing else. */
    public static final String SCHEDULER_USER = "tributary_scheduler";

    /** {@code jdbc:postgresql://host:port/tributary} */
    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    public String jdbcUrl(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }

    @Override
    public String toString() {
        return "PostgresEndpoint[" + host + ":" + port + "/" + database + ", app=" + appUser + ", cdc=" + cdcUser + "]";
    }
}
