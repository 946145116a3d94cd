package io.tributary.platform;

import java.util.List;

/**
 * The statements of the {@link ChaosFault#NEW_TABLE_EDGE_VALUES} fault: a table created in the captured schema while
 * the pipeline streams (the publication covers every table of the schema, present and future:
 * init-db/03-publication.sql; cdc-engine includes the whole schema), filled with values at the edges of what the
 * pipeline carries, then updated and deleted from, one transaction per step. Reconcile must then find it equal. Pure.
 *
 * <ul>
 *   <li>{@code amount numeric} without (p,s): Debezium's {@code VariableScaleDecimal}, in silver a string column with
 *       the exact digits; NULL, zero, a tiny fraction, 38 significant digits, a trailing zero, an integral value;</li>
 *   <li>{@code at_local timestamp} and {@code at_zone timestamptz}: 0001-01-01 00:00:00 and 9999-12-31
 *       23:59:59.999999, before the epoch with a fraction, inside the Julian/Gregorian switch (1582-10-10);</li>
 *   <li>{@code due date}: 0001-01-01 and 9999-12-31;</li>
 *   <li>a {@code numeric(12,2)}, integer, boolean and text column, each NULL in some row.</li>
 * </ul>
 */
final class ChaosEdgeTable {
    static final String PREFIX = "chaos_edge_";
    /** Rows left after the last step (ids 1-6 and 8; 7 deleted, 4 deleted and inserted again). */
    static final int FINAL_ROWS = 7;

    private ChaosEdgeTable() {
    }

    /** The table of the {@code occurrence}-th fault of this kind (1, 2, ...): every occurrence creates a new one. */
    static String name(int occurrence) {
        return PREFIX + occurrence;
    }

    /** The statements, one list per transaction, in order: create; insert; update; delete; insert a deleted key again. */
    static List<List<String>> transactions(String schema, String table) {
        String t = schema + "." + table;
        String columns = " (id, amount, at_local, at_zone, due, qty, ok, note, price) VALUES ";
        return List.of(
                List.of("CREATE TABLE " + t + " (id bigint PRIMARY KEY, amount numeric, at_local timestamp, at_zone timestamptz,"
                        + " due date, qty integer, ok boolean, note text, price numeric(12,2))"),
                List.of("INSERT INTO " + t + columns
                        + "(1, NULL, '0001-01-01 00:00:00', '0001-01-01 00:00:00+00', '0001-01-01', 1, true, 'year one', 0.00),"
                        + " (2, 12345678901234567890.123456789012345678, '9999-12-31 23:59:59.999999',"
                        + " '9999-12-31 23:59:59.999999+00', '9999-12-31', 2, false, 'year 9999', 9999999999.99),"
                        + " (3, 0, '1970-01-01 00:00:00', '1970-01-01 00:00:00+00', '1970-01-01', NULL, NULL, NULL, NULL),"
                        + " (4, -0.000001, '1969-12-31 23:59:59.5', '1969-12-31 23:59:59.5+00', '1969-12-31', -4, true,"
                        + " 'before the epoch', -0.01),"
                        + " (5, 1.50, '2024-02-29 12:34:56.123456', '2024-02-29 12:34:56.123456+00', '2024-02-29', 5, false,"
                        + " 'trailing zero', 1.50),"
                        + " (6, 100, '1582-10-10 00:00:00', '1582-10-10 00:00:00+00', '1582-10-10', 6, true, 'calendar switch', 100),"
                        + " (7, NULL, NULL, NULL, NULL, NULL, NULL, 'all null', NULL),"
                        + " (8, -98765432109876543210, '2000-01-01 00:00:00', '2000-01-01 00:00:00+00', '2000-01-01', 8, false,"
                        + " 'integral', 8)"),
                List.of("UPDATE " + t + " SET amount = 0.000000000000000001 WHERE id = 1",
                        "UPDATE " + t + " SET amount = NULL, at_local = '0001-01-01 00:00:00.000001',"
                                + " at_zone = '0001-01-01 00:00:00.000001+00' WHERE id = 2",
                        "UPDATE " + t + " SET at_local = '9999-12-31 23:59:59.999999', at_zone = '9999-12-31 23:59:59.999999+00',"
                                + " due = '9999-12-31', amount = 3.14159265358979323846264338327950288 WHERE id = 3",
                        "UPDATE " + t + " SET note = 'updated', amount = amount * 10 WHERE id = 5"),
                List.of("DELETE FROM " + t + " WHERE id IN (4, 7)"),
                List.of("INSERT INTO " + t + columns
                        + "(4, 0.1, '0001-01-01 00:00:00', '9999-12-31 23:59:59+00', '9999-12-31', NULL, false, 'inserted again', NULL)"));
    }
}
