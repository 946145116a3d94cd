package io.tributary.lakehouse.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import io.tributary.lakehouse.decode.TableLayout;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one table's decoded records of a micro-batch hold, from a single aggregate over them (grouped by source
 * commit time in {@value #SLOT_MS} ms slots, summed on the driver): how many changes and poison records, their source
 * commit times (the per-change freshness once the batch is visible), the latest truncate, and whether any change lacks
 * unchanged TOAST columns (which picks the MERGE source's plan).
 *
 * @param changes        decoded changes (truncates included), poison records not
 * @param poison         records that could not be decoded (quarantined)
 * @param maxSourceTsMs  newest source commit time among the changes
 * @param truncateLsn    LSN of the latest truncate
 * @param truncateTsMs   its source commit time (0 without truncate)
 * @param anyUnavailable true when some change carries unavailable (unchanged TOAST) columns
 * @param sourceTsCounts source commit time (middle of its slot, epoch ms) -> changes committed then
 */
public record TableBatchStats(long changes, long poison, OptionalLong maxSourceTsMs, OptionalLong truncateLsn,
                              long truncateTsMs, boolean anyUnavailable, Map<Long, Long> sourceTsCounts) {

    /** Resolution of the source commit times kept for freshness. */
    static final long SLOT_MS = 10;

    public TableBatchStats {
        sourceTsCounts = Collections.unmodifiableMap(new TreeMap<>(sourceTsCounts));
    }

    /** The figures of decoded rows; poison rows (those with an error) are counted apart and left out of the rest. */
    public static TableBatchStats of(Dataset<Row> decoded) {
        Column good = col(TableLayout.ERROR).isNull();
        Column truncate = col(TableLayout.OP).equalTo("t");
        List<Row> slots = decoded.groupBy(expr(TableLayout.SOURCE_TS_MS + " div " + SLOT_MS).as("slot"))
                .agg(count_if(good), count_if(col(TableLayout.ERROR).isNotNull()), max(TableLayout.SOURCE_TS_MS),
                        max(when(truncate, col(TableLayout.LSN))), max(when(truncate, col(TableLayout.SOURCE_TS_MS))),
                        max(when(size(col(TableLayout.UNAVAILABLE)).gt(0), lit(true))))
                .collectAsList();
        return of(slots);
    }

    /** Sums the per-slot rows (slot, changes, poison, max ts, truncate LSN, truncate ts, unavailable). Pure. */
    static TableBatchStats of(List<Row> slots) {
        long changes = 0;
        long poison = 0;
        long maxTs = Long.MIN_VALUE;
        long truncateLsn = Long.MIN_VALUE;
        long truncateTs = 0;
        boolean unavailable = false;
        Map<Long, Long> counts = new TreeMap<>();
        for (Row r : slots) {
            long n = r.getLong(1);
            changes += n;
            poison += r.getLong(2);
            if (!r.isNullAt(3)) {
                maxTs = Math.max(maxTs, r.getLong(3));
            }
            if (!r.isNullAt(4) && r.getLong(4) > truncateLsn) {
                truncateLsn = r.getLong(4);
                truncateTs = r.isNullAt(5) ? 0L : r.getLong(5);
            }
            unavailable |= !r.isNullAt(6);
            if (!r.isNullAt(0) && n > 0) {
                counts.merge(r.getLong(0) * SLOT_MS + SLOT_MS / 2, n, Long::sum);
            }
        }
        return new TableBatchStats(changes, poison,
                maxTs == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(maxTs),
                truncateLsn == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(truncateLsn), truncateTs,
                unavailable, counts);
    }
}
