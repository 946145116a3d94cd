package io.tributary.lakehouse.reconcile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a table's changes do not reach silver for now: a stage parked it (issue 23). Its silver rows then lag behind
 * PostgreSQL on purpose, until {@code ./tributary resume TABLE}; reconcile reports it as parked, not as lost data.
 *
 * @param stage  {@code lakehouse-job} (read from the lake's {@code _table_states}) or {@code cdc-engine} (given by the CLI
 *               from cdc-engine's /metrics)
 * @param reason the stage's reason
 * @param since  the lake's first parked micro-batch, empty when not known
 */
public record ParkedState(String stage, String reason, String since) {
    public static final String LAKEHOUSE_JOB = "lakehouse-job";
    public static final String CDC_ENGINE = "cdc-engine";

    public ParkedState {
        reason = reason == null || reason.isBlank() ? "no reason recorded" : reason.strip();
        since = since == null ? "" : since;
    }

    /** E.g. {@code parked in lakehouse-job since batch 12: IllegalStateException: ...}. */
    public String describe() {
        return "parked in " + stage + (since.isEmpty() ? "" : " since batch " + since) + ": " + reason;
    }

    /**
     * The {@code --cdc-parked TABLE=REASON} entries by silver table name: {@code shop.orders} and {@code orders} both
     * name {@code orders} when {@code sourceSchema} is {@code shop}; a table of another schema is not compared and is
     * dropped.
     */
    public static Map<String, ParkedState> fromCdcEngine(Map<String, String> given, String sourceSchema) {
        Map<String, ParkedState> result = new LinkedHashMap<>();
        given.forEach((table, reason) -> {
            int dot = table.indexOf('.');
            if (dot < 0) {
                result.put(table, new ParkedState(CDC_ENGINE, reason, ""));
            } else if (table.substring(0, dot).equals(sourceSchema)) {
                result.put(table.substring(dot + 1), new ParkedState(CDC_ENGINE, reason, ""));
            }
        });
        return result;
    }
}
