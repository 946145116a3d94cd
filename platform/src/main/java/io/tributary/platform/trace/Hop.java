package io.tributary.platform.trace;

import java.util.Map;

/**
 * One place a change passes: postgres, kafka, bronze, silver.
 *
 * @param arrived whether this place holds the change
 * @param atMs    when it became visible there (epoch ms), null when it has not arrived or the time is unknown
 * @param delayMs {@code atMs} minus the change's source commit time ({@code _source_ts_ms}); for silver this is the
 *                change's freshness as lakehouse-job measures it; null with {@code atMs}
 * @param lsn     the LSN of the change this place holds, null when it holds none
 * @param facts   what identifies the change there (offset, version, batch, ...), in display order
 * @param note    a remark for people (what it holds instead, why a time is missing), null when none
 */
public record Hop(String name, boolean arrived, Long atMs, Long delayMs, Long lsn, Map<String, Object> facts, String note) {
}
