package io.tributary.cdc.parking;

import java.time.Instant;

/**
 * A parked table: its changes go, in order, to {@link #parkingTopic} instead of {@link #topic} until it is resumed.
 * Stored in the parked-tables file next to the offsets file (see {@link ParkedTables}).
 *
 * @param table        {@code <schema>.<table>}
 * @param topic        the table's change topic
 * @param parkingTopic where its changes go while parked: {@code <prefix>._parked.<schema>.<table>}
 * @param incident     id of this parking (header {@code tributary.incident} of its parked records): a table parked,
 *                     resumed and parked again has records of two incidents in its parking topic
 * @param sinceLsn     LSN of the first parked change (the one that failed), or null when unknown
 * @param kind         why
 * @param column       the column named by the error, or null
 * @param reason       the error message
 * @param parkedAt     when
 */
public record ParkedTable(String table, String topic, String parkingTopic, String incident, Long sinceLsn,
                          TableFailure.Kind kind, String column, String reason, Instant parkedAt) {

    /** What to do about it. */
    public String fix() {
        return TableFailure.fix(kind, table);
    }
}
