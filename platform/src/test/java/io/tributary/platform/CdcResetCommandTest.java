package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.stack.ModuleLaunch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code tributary cdc reset}: the reset runs with the engine's own launch, and says only what its last run did. */
class CdcResetCommandTest {
    @Test
    void theResetRunsWithTheEnginesModuleSettingsAndJvmOptions() {
        ModuleLaunch engine = new ModuleLaunch("cdc-engine", "io.tributary.cdc.CdcEngineMain",
                List.of("-Dtributary.cdc.heartbeat.interval=5s"), Map.of("TRIBUTARY_CDC_DATA_DIR", "/d/cdc-engine",
                "TRIBUTARY_CDC_METRICS_PORT", "18082"), List.of("-Xmx384m"), "cdc-engine");
        ModuleLaunch reset = CdcCommand.Reset.resetLaunch(engine);
        assertThat(reset.name()).isEqualTo("cdc-engine-reset");
        assertThat(reset.args()).containsExactly("reset", "-Dtributary.cdc.heartbeat.interval=5s");
        assertThat(reset.module()).isEqualTo("cdc-engine");
        assertThat(reset.mainClass()).isEqualTo("io.tributary.cdc.CdcEngineMain");
        assertThat(reset.extraEnv()).isEqualTo(engine.extraEnv());
        assertThat(reset.jvmOptions()).containsExactly("-Xmx384m");
    }

    @Test
    void onlyTheLastRunsStepsAreReported() {
        List<String> log = List.of("==== 2026-12-07T12:00:00Z starting cdc-engine-reset: java ...",
                "cdc-engine reset: dropped replication slot tributary_slot",
                "==== 2026-12-07T12:30:00Z starting cdc-engine-reset: java ...",
                "12:30:01.000 INFO [main] something else",
                "cdc-engine reset: replication slot tributary_slot does not exist (nothing to drop)",
                "cdc-engine reset: moved the offsets file /d/offsets.dat to /d/offsets.dat.before-reset-20261207T123001Z");
        assertThat(CdcCommand.Reset.resetLines(log)).containsExactly(
                "cdc-engine reset: replication slot tributary_slot does not exist (nothing to drop)",
                "cdc-engine reset: moved the offsets file /d/offsets.dat to /d/offsets.dat.before-reset-20261207T123001Z");
    }

    @Test
    void theCommandIsListedWithItsHelp() {
        StringWriter out = new StringWriter();
        int code = TributaryMain.execute(new String[] {"cdc", "reset", "--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("Usage: tributary cdc reset").contains("drop its slot")
                .contains("write a delete").contains("before-reset-<time>");
    }
}
