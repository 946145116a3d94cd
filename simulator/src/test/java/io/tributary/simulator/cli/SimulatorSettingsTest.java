package io.tributary.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.configuration.ConfigException;
import io.tributary.configuration.SettingValues;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorSettingsTest {

    @Test
    void aMisspeltVariableOfTheOwnPrefixAndTwoBadValuesAreReportedInOneError() {
        Map<String, String> env = Map.of("TRIBUTARY_SIMULATOR_METRICS_PROT", "1", "TRIBUTARY_SIMULATOR_METRICS_HOST", " ");
        assertThatThrownBy(() -> RunCommand.ownSettings(env, "many", null))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "unknown setting TRIBUTARY_SIMULATOR_METRICS_PROT (from environment);"
                                + " did you mean TRIBUTARY_SIMULATOR_METRICS_PORT?",
                        "TRIBUTARY_SIMULATOR_METRICS_PORT (from command line)='many' is not a whole number",
                        "TRIBUTARY_SIMULATOR_METRICS_HOST (from environment)=' ' must not be empty: Address of /metrics:"
                                + " 127.0.0.1, or 0.0.0.0 inside a container."));
    }

    @Test
    void optionsWinOverTheEnvironmentWhichWinsOverTheDefault() {
        SettingValues v = RunCommand.ownSettings(Map.of("TRIBUTARY_SIMULATOR_METRICS_PORT", "1",
                "TRIBUTARY_SIMULATOR_METRICS_HOST", "0.0.0.0"), "2", null);
        assertThat(v.get(SimulatorSettings.METRICS_PORT)).isEqualTo(2);
        assertThat(v.get(SimulatorSettings.METRICS_HOST)).isEqualTo("0.0.0.0");
        assertThat(RunCommand.ownSettings(Map.of(), null, null).get(SimulatorSettings.METRICS_PORT)).isEqualTo(18084);
    }
}
