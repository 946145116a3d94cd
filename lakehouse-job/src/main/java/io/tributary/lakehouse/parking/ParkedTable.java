package io.tributary.lakehouse.parking;

import java.time.Instant;

/**
 * A table the lake does not write while its failure is not fixed.
 *
 * @param table    the table
 * @param reason   the failure, first line (exception class and message)
 * @param batchId  the micro-batch whose write failed: its records and every later one of the table are parked
 * @param parkedAt when it was parked
 */
public record ParkedTable(String table, String reason, long batchId, Instant parkedAt) {

    /** What the operator does about it. */
    public String fix() {
        return "fix the cause (see the reason and docs/reliability.md, 'Parked tables'), then run"
                + " ./tributary resume " + table;
    }
}
