package io.tributary.simulator.cli;

import static io.tributary.configuration.SettingDefinition.define;

import io.tributary.configuration.SettingCatalog;
import io.tributary.configuration.SettingDefinition;
import io.tributary.configuration.ValueType;
import java.util.List;

/**
 * The simulator's own variables ({@code TRIBUTARY_SIMULATOR_*}, read by {@code run}); the command-line options of the
 * same meaning win. The connection variables it shares with the other stages are in
 * {@link io.tributary.simulator.db.PgSettings}.
 */
public final class SimulatorSettings {
    public static final SettingDefinition<Integer> METRICS_PORT = define("TRIBUTARY_SIMULATOR_METRICS_PORT",
            ValueType.integer()).defaultValue("18084").doc("Port of the Prometheus /metrics endpoint of run, 0 = off.")
            .build();
    public static final SettingDefinition<String> METRICS_HOST = define("TRIBUTARY_SIMULATOR_METRICS_HOST",
            ValueType.text()).defaultValue("127.0.0.1")
            .doc("Address of /metrics: 127.0.0.1, or 0.0.0.0 inside a container.").build();

    /** Every setting; {@code TRIBUTARY_SIMULATOR_*} variables must be among them. */
    public static final SettingCatalog CATALOG = SettingCatalog.of("TRIBUTARY_SIMULATOR_", List.of(METRICS_PORT, METRICS_HOST));

    private SimulatorSettings() {
    }
}
