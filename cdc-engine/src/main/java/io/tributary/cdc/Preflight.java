package io.tributary.cdc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.tributary.cdc.config.CdcConfig;
import io.tributary.cdc.config.PostgresLogin;
import io.tributary.cdc.pipeline.Backoff;
import io.tributary.cdc.pipeline.DependencyUnavailableException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks before the capture starts, with bounded retries while a server is unreachable: PostgreSQL answers
 * and has the publication, Kafka answers. Each failure says what to fix.
 */
final class Preflight {
    private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);

    private final CdcConfig config;
    private final Backoff backoff;
    private final Backoff postgresBackoff;

    /** {@code backoff} bounds the Kafka and slot checks, {@code postgresBackoff} the PostgreSQL connection. */
    Preflight(CdcConfig config, Backoff backoff, Backoff postgresBackoff) {
        this.config = config;
        this.backoff = backoff;
        this.postgresBackoff = postgresBackoff;
    }

    void checkPostgres() throws Exception {
        Properties props = new Properties();
        props.setProperty("user", config.cdcUser());
        props.setProperty("password", config.cdcPassword().value());
        props.setProperty("connectTimeout", "10");
        boolean exists;
        try {
            exists = backoff.call("Connecting to PostgreSQL at " + config.pgHost() + ":" + config.pgPort(),
                    e -> e instanceof SQLException s && unreachable(s),
                    () -> {
                        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), props);
                             PreparedStatement st = c.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
                            st.setString(1, config.publication());
                            try (ResultSet rs = st.executeQuery()) {
                                return rs.next();
                            }
                        }
                    });
        } catch (SQLException e) {
            if (unreachable(e)) {
                throw new DependencyUnavailableException("PostgreSQL at " + config.pgHost() + ":" + config.pgPort()
                        + " stayed unreachable for " + io.tributary.configuration.DurationSyntax.format(config.pgRetryTimeout()) + ", the limit set by "
                        + "tributary.cdc.pg.retry.timeout (TRIBUTARY_CDC_PG_RETRY_TIMEOUT): " + e.getMessage()
                        + ". Start PostgreSQL or fix TRIBUTARY_PG_HOST/TRIBUTARY_PG_PORT, then restart the engine.", e);
            }
            throw new IllegalStateException("Cannot connect to PostgreSQL " + config.jdbcUrl() + " as " + config.cdcUser()
                    + ": " + e.getMessage() + " (SQL state " + e.getSQLState() + "). Check TRIBUTARY_PG_HOST/PORT/DATABASE, "
                    + "the CDC role and its password (TRIBUTARY_CDC_PASSWORD or _FILE).", e);
        }
        if (!exists) {
            throw new IllegalStateException("Publication " + config.publication() + " does not exist in database "
                    + config.pgDatabase() + ". It is created by init-db/03-publication.sql (needs a superuser); "
                    + "run it, or set " + "tributary.cdc.publication to an existing publication.");
        }
        LOG.info("PostgreSQL {} reachable; publication {} present", config.jdbcUrl(), config.publication());
    }

    /**
     * The partitions of partitioned tables in the captured schemas, which Debezium must leave out of its snapshots:
     * with {@code publish_via_partition_root} their changes stream under the root's name, and the root's snapshot
     * already reads their rows. Without that option (a publication created before it was set) nothing is left out and
     * a WARN says the statement that makes each partitioned table land as one table.
     */
    List<String> partitionsToLeaveOut() throws SQLException {
        Properties props = PostgresLogin.of(config.cdcUser(), config.cdcPassword().value(), "tributary-cdc-preflight", 30);
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), props)) {
            boolean viaRoot;
            try (PreparedStatement st = c.prepareStatement("SELECT pubviaroot FROM pg_publication WHERE pubname = ?")) {
                st.setString(1, config.publication());
                try (ResultSet rs = st.executeQuery()) {
                    viaRoot = rs.next() && rs.getBoolean(1);
                }
            }
            List<String> roots = names(c, "c.relkind = 'p' AND NOT c.relispartition");
            if (!viaRoot) {
                if (!roots.isEmpty()) {
                    LOG.warn("Publication {} publishes the partitions of {} as tables of their own (one topic each): run "
                            + "as a superuser ALTER PUBLICATION {} SET (publish_via_partition_root = true); (init-db/"
                            + "07-publication-partition-root.sql, applied by ./tributary up), then ./tributary cdc reset",
                            config.publication(), roots, config.publication());
                }
                return List.of();
            }
            List<String> partitions = names(c, "c.relispartition");
            if (!partitions.isEmpty()) {
                LOG.info("Partitioned tables {} are captured through their root (publish_via_partition_root); their "
                        + "partitions {} are left out of snapshots", roots, partitions);
            }
            return partitions;
        }
    }

    private List<String> names(Connection c, String condition) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT n.nspname || '.' || c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + condition + " AND n.nspname = ANY (?) ORDER BY 1")) {
            st.setArray(1, c.createArrayOf("text", config.schemas().toArray()));
            List<String> names = new java.util.ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }

    /** Connection-level failures (class 08) and a server starting up or shutting down (57P01-57P03). */
    static boolean unreachable(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    /**
     * Waits (bounded) until no other process streams from the slot: after a crash PostgreSQL may keep the old
     * walsender for a moment, and Debezium fails at once on an active slot.
     */
    void awaitSlotFree() throws Exception {
        Properties props = new Properties();
        props.setProperty("user", config.cdcUser());
        props.setProperty("password", config.cdcPassword().value());
        props.setProperty("connectTimeout", "10");
        try {
            backoff.call("Waiting for replication slot " + config.slot() + " to be released",
                    e -> e instanceof SlotBusyException, () -> {
                        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), props);
                             PreparedStatement st = c.prepareStatement(
                                     "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ? AND active")) {
                            st.setString(1, config.slot());
                            try (ResultSet rs = st.executeQuery()) {
                                if (rs.next()) {
                                    throw new SlotBusyException("slot " + config.slot() + " is in use by backend pid " + rs.getInt(1));
                                }
                            }
                        }
                        return null;
                    });
        } catch (SlotBusyException e) {
            throw new IllegalStateException("Replication slot " + config.slot() + " stays in use: " + e.getMessage()
                    + ". Another cdc-engine may be running against it; stop it, or terminate that backend with "
                    + "pg_terminate_backend(pid) if it is a leftover.", e);
        }
    }

    /** The slot is streamed by another backend (retriable for a while). */
    static final class SlotBusyException extends Exception {
        SlotBusyException(String message) {
            super(message);
        }
    }

    void checkKafka(Admin admin) throws Exception {
        try {
            String clusterId = backoff.call("Connecting to Kafka at " + config.kafkaBootstrap(),
                    e -> e instanceof ExecutionException || e instanceof java.util.concurrent.TimeoutException,
                    () -> admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS));
            LOG.info("Kafka {} reachable (cluster {})", config.kafkaBootstrap(), clusterId);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot reach Kafka at " + config.kafkaBootstrap() + ": " + e.getMessage()
                    + ". Check TRIBUTARY_KAFKA_BOOTSTRAP and that the broker is up.", e);
        }
    }
}
