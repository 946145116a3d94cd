package io.tributary.scheduler.store;

import io.tributary.configuration.PostgresConnectionSettings;
import io.tributary.scheduler.config.SchedulerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables of schema {@code scheduler}: init-db/06-scheduler-tables.sql (copied into this jar), applied at every
 * start. The file only creates what is missing, so a cluster initialised before a table existed gets it.
 */
public final class SchedulerSchema {
    static final String RESOURCE = "06-scheduler-tables.sql";

    private SchedulerSchema() {
    }

    public static void apply(PostgresConnectionSettings login) {
        String sql = script();
        try (Connection c = login.connect(SchedulerConfig.APPLICATION_NAME); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the tables of schema scheduler as " + login + ": "
                    + e.getMessage() + ". The role and the schema come from init-db/05-scheduler-role.sql: on a"
                    + " PostgreSQL initialised before it, apply it as a superuser (psql -v scheduler_password=... -f"
                    + " init-db/05-scheduler-role.sql); `tributary up` does so itself.", e);
        }
    }

    static String script() {
        try (InputStream in = SchedulerSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the scheduler's jar; rebuild module scheduler");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
