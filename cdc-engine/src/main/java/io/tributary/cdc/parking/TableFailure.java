package io.tributary.cdc.parking;

/**
 * A failure that belongs to one table: the registry refused the table's new schema, or a value of the table cannot
 * be encoded. The table is parked; every other table keeps streaming. See docs/reliability.md, "Parked tables".
 *
 * @param kind   what went wrong
 * @param table  {@code <schema>.<table>}
 * @param topic  the table's change topic
 * @param lsn    WAL position of the change that failed, or null when unknown
 * @param column the column named by the error, or null
 * @param reason the error, for the log, the parking headers and {@code GET /tables/parked}
 * @param cause  the exception (logged with its stack for {@link Kind#CONVERSION_ERROR})
 */
public record TableFailure(Kind kind, String table, String topic, Long lsn, String column, String reason, Throwable cause) {

    /** Why a table was parked; the label is the {@code reason} label of {@code tributary_cdc_table_parked}. */
    public enum Kind {
        /** The registry refused the new key or value schema (HTTP 409 incompatible, 422 invalid). */
        SCHEMA_REFUSED("schema_refused"),
        /** A value of a column cannot be represented in Avro, or does not fit the registered schema. */
        VALUE_NOT_ENCODABLE("value_not_encodable"),
        /** Converting the change failed in an unexpected way (a bug): logged with its stack. */
        CONVERSION_ERROR("conversion_error");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Kind ofLabel(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label) || k.name().equals(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown parking reason '" + label + "'");
        }
    }

    /** What the operator does about it, naming the table's endpoints. */
    public static String fix(Kind kind, String table) {
        String resume = "POST /tables/" + table + "/resume on cdc-engine's metrics port (./tributary resume " + table
                + ") replays the parked changes in order into the table's topic and streams it normally again";
        return switch (kind) {
            case SCHEMA_REFUSED -> "if consumers can read the new schema, POST /tables/" + table + "/accept-schema "
                    + "registers it under a one-time compatibility override (NONE) of its subject (or change the "
                    + "subject's compatibility level yourself); then " + resume;
            case VALUE_NOT_ENCODABLE -> "the parked change keeps the value PostgreSQL sent, so changing the row does not "
                    + "help it: change the column's type so that new changes encode, upgrade cdc-engine if the value "
                    + "should encode, then " + resume + " (it stops at the first change that still cannot be encoded)";
            case CONVERSION_ERROR -> "this is a cdc-engine bug: report the WARN line with its stack trace and the parked "
                    + "record; after an upgrade, " + resume;
        };
    }
}
