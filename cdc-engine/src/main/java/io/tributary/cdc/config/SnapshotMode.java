package io.tributary.cdc.config;

import java.util.Locale;

/** Debezium snapshot modes the engine supports. */
public enum SnapshotMode {
    INITIAL, NO_DATA, WHEN_NEEDED, INITIAL_ONLY, ALWAYS;

    public String debeziumValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
