package io.tributary.cdc.signal;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A request to backfill one captured table: the row that, inserted into Debezium's signal table, starts an incremental
 * snapshot of that table while streaming goes on. Debezium reads the table in primary-key chunks; each chunk is
 * emitted as {@code r} events between two watermarks it writes to the same signal table, and a row changed while
 * its chunk is open is sent as the streamed change only (docs/cdc-engine.md, "Backfill").
 *
 * @param id    the signal's id (also the name of the request in the engine's log)
 * @param table the table, {@code schema.table}
 */
public record BackfillRequest(String id, String table) {
    /** The signal type Debezium acts on. */
    public static final String TYPE = "execute-snapshot";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    /**
     * Validates {@code table} ({@code schema.table}, lower-case unquoted identifiers) against the captured schemas.
     *
     * @throws IllegalArgumentException naming the table and what to pass instead
     */
    public static BackfillRequest of(String table, List<String> capturedSchemas) {
        String[] parts = table.split("\\.", -1);
        if (parts.length != 2 || !IDENTIFIER.matcher(parts[0]).matches() || !IDENTIFIER.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException("'" + table + "' is not a table name of the form schema.table "
                    + "(lower-case, unquoted identifiers), e.g. shop.orders");
        }
        if (!capturedSchemas.contains(parts[0])) {
            throw new IllegalArgumentException("Table " + table + " is not in a captured schema: cdc-engine captures "
                    + String.join(", ", capturedSchemas) + " (tributary.cdc.schemas)");
        }
        return new BackfillRequest("backfill-" + UUID.randomUUID(), table);
    }

    /** The signal's {@code data}: an incremental snapshot of this one table. */
    public String data() {
        return "{\"data-collections\": [\"" + table + "\"], \"type\": \"incremental\"}";
    }
}
