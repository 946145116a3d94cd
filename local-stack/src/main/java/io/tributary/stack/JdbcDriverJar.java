package io.tributary.stack;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The PostgreSQL JDBC driver jar this process runs with: lakehouse-job ships none, so the processes that launch its
 * tools and jobs (reconcile, the daily jobs) add this one to their classpath.
 */
public final class JdbcDriverJar {
    private JdbcDriverJar() {
    }

    public static String path() {
        try {
            return Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the PostgreSQL JDBC driver jar", e);
        }
    }
}
