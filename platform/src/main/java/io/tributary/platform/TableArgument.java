package io.tributary.platform;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The TABLE argument (and its --schema) of the commands that act on one captured table. */
final class TableArgument {
    @Parameters(index = "0", paramLabel = "TABLE", description = "the table, e.g. orders (or shop.orders)")
    String table;

    @Option(names = "--schema", defaultValue = "shop", description = "its PostgreSQL schema (default: ${DEFAULT-VALUE})")
    String schema;

    ParkedTableName name() {
        return ParkedTableName.of(table, schema);
    }
}
