package io.tributary.platform;

import io.tributary.stack.PostgresEndpoint;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code tributary env} exports beside the stack's {@code TRIBUTARY_*} variables, in the names the usual clients
 * read: libpq's {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER} and {@code PGPASSFILE} (psql,
 * pg_dump, any libpq or JDBC tool; the password stays in a file of mode 600, never on the screen), kcat's
 * {@code KCAT_CONFIG} (a file naming {@code bootstrap.servers}), and {@code BOOTSTRAP_SERVERS} and
 * {@code SCHEMA_REGISTRY_URL} as Confluent's examples spell them for its console tools. Pure.
 */
final class ClientEnvironment {
    static final String PGPASS_FILE = "pgpass";
    static final String KCAT_FILE = "kcat.conf";

    private ClientEnvironment() {
    }

    static Map<String, String> variables(PostgresEndpoint pg, String kafkaBootstrap, String registryUrl, Path pgpass, Path kcatConfig) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", pg.host());
        env.put("PGPORT", Integer.toString(pg.port()));
        env.put("PGDATABASE", pg.database());
        env.put("PGUSER", pg.appUser());
        env.put("PGPASSFILE", pgpass.toString());
        env.put("KCAT_CONFIG", kcatConfig.toString());
        env.put("BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("SCHEMA_REGISTRY_URL", registryUrl);
        return env;
    }

    /** The password file libpq reads: one {@code host:port:database:user:password} line per role (app, then CDC). */
    static String pgpass(PostgresEndpoint pg) {
        return pgpassLine(pg, pg.appUser(), pg.appPassword()) + pgpassLine(pg, pg.cdcUser(), pg.cdcPassword());
    }

    private static String pgpassLine(PostgresEndpoint pg, String user, String password) {
        return String.join(":", escape(pg.host()), Integer.toString(pg.port()), escape(pg.database()), escape(user),
                escape(password)) + "\n";
    }

    /** In a pgpass field, ':' and '\' are escaped with '\'. */
    private static String escape(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }

    /** kcat's configuration file (librdkafka properties). */
    static String kcatConfig(String kafkaBootstrap) {
        return "bootstrap.servers=" + kafkaBootstrap + "\n";
    }
}
