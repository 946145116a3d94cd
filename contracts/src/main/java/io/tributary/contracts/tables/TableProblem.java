package io.tributary.contracts.tables;

import java.util.Optional;

/**
 * What keeps a captured table from reaching the lake intact, as cdc-engine finds it in PostgreSQL's catalog: its
 * label (the metric's {@code problem} label), what it means and the statement that fixes it. cdc-engine logs them,
 * {@code tributary status} and reconcile show them, all with the same words.
 */
public enum TableProblem {
    /** The CDC role has no SELECT on the table (created by a role whose default privileges do not grant it). */
    NOT_READABLE("not_readable"),
    /** REPLICA IDENTITY NOTHING: PostgreSQL refuses the table's UPDATEs and DELETEs while it is published. */
    REPLICA_IDENTITY_NOTHING("replica_identity_nothing"),
    /** No primary key: changes have no Kafka key and the lake (keyed by the primary key) cannot merge them. */
    NO_PRIMARY_KEY("no_primary_key");

    private final String label;

    TableProblem(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<TableProblem> fromLabel(String label) {
        for (TableProblem p : values()) {
            if (p.label.equals(label)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** What is wrong with {@code table} ({@code schema.table}) and what it does to the pipeline. */
    public String describe(String table, String cdcRole) {
        return switch (this) {
            case NOT_READABLE -> "the CDC role " + cdcRole + " cannot read " + table + " (it was created by a role "
                    + "whose default privileges do not grant SELECT): its snapshot and backfill fail and reconcile "
                    + "cannot compare it";
            case REPLICA_IDENTITY_NOTHING -> table + " has REPLICA IDENTITY NOTHING: PostgreSQL refuses its UPDATEs "
                    + "and DELETEs while it is in the publication, and no change could name its row";
            case NO_PRIMARY_KEY -> table + " has no primary key: its changes reach Kafka without a key, so the lake "
                    + "cannot merge them into silver (with the default replica identity PostgreSQL also refuses its "
                    + "UPDATEs and DELETEs while it is in the publication)";
        };
    }

    /** The statement to run (as the table's owner or a superuser). */
    public String fix(String table, String cdcRole) {
        return switch (this) {
            case NOT_READABLE -> "GRANT SELECT ON " + table + " TO " + cdcRole + ";";
            case REPLICA_IDENTITY_NOTHING -> "ALTER TABLE " + table + " REPLICA IDENTITY DEFAULT; (it needs a primary "
                    + "key: ALTER TABLE " + table + " ADD PRIMARY KEY (...); first if it has none)";
            case NO_PRIMARY_KEY -> "ALTER TABLE " + table + " ADD PRIMARY KEY (...); (its key columns)";
        };
    }

    /** One line for a log, status or reconcile: the table, what is wrong, what to run. */
    public String message(String table, String cdcRole) {
        return "Table " + table + ": " + describe(table, cdcRole) + ". Run as its owner or a superuser: "
                + fix(table, cdcRole);
    }
}
