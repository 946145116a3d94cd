package io.tributary.simulator.cli;

import io.tributary.simulator.db.PgSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Connection options shared by the subcommands; defaults come from the TRIBUTARY_* environment. */
public final class ConnectionOptions {

    @Option(names = "--pg-host", description = "PostgreSQL host (default: $TRIBUTARY_PG_HOST or 127.0.0.1)")
    String host;

    @Option(names = "--pg-port", description = "PostgreSQL port (default: $TRIBUTARY_PG_PORT or 15432)")
    Integer port;

    @Option(names = "--pg-database", description = "database (default: $TRIBUTARY_PG_DATABASE or tributary)")
    String database;

    @Option(names = "--pg-user", description = "application role (default: $TRIBUTARY_APP_USER or tributary_app)")
    String user;

    @Option(names = "--pg-password-file", description = "file holding the password"
            + " (default: $TRIBUTARY_APP_PASSWORD or the file in $TRIBUTARY_APP_PASSWORD_FILE)")
    Path passwordFile;

    @Option(names = "--schema", defaultValue = "shop", description = "business schema (default: ${DEFAULT-VALUE})")
    String schema;

    public PgSettings settings() {
        return PgSettings.resolve(System.getenv(), host, port, database, user, passwordFile);
    }
}
