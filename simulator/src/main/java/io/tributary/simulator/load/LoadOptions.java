package io.tributary.simulator.load;

import java.util.Map;

/**
 * User decisions that override inference.
 *
 * @param types       table -> column -> type ({@code --types customers.zip=text})
 * @param primaryKeys table -> column ({@code --primary-key orders=order_no})
 * @param inferRows   infer types from the first N records only (0 = every record); the load pass
 *                    still validates every value and fails on the first that does not fit
 * @param replace     drop and reload a table that already exists
 */
public record LoadOptions(Map<String, Map<String, SqlType>> types, Map<String, String> primaryKeys,
                          long inferRows, boolean replace) {

    public LoadOptions {
        types = Map.copyOf(types);
        primaryKeys = Map.copyOf(primaryKeys);
        if (inferRows < 0) {
            throw new IllegalArgumentException("--infer-rows must be >= 0 (0 = all records), got " + inferRows);
        }
    }

    public static LoadOptions defaults() {
        return new LoadOptions(Map.of(), Map.of(), 0, false);
    }
}
