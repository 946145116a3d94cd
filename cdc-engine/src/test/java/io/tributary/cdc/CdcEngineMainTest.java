package io.tributary.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import io.tributary.cdc.config.CdcSetting;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CdcEngineMainTest {
    @Test
    void helpListsEverySettingWithItsEnvironmentVariableAndDefault() {
        CommandLine cli = CdcEngineMain.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        String help = out.toString();
        for (CdcSetting s : CdcSetting.values()) {
            assertThat(help).contains(s.key()).contains(s.envName()).contains(s.description());
        }
        assertThat(help).contains("--config").contains("debezium.<key>").contains("kafka.<key>")
                .contains("TRIBUTARY_CDC_PASSWORD_FILE").contains("(default: 18082)");
    }

    @Test
    void invalidConfigurationExitsWithCodeTwoBeforeConnectingAnywhere(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("cdc.properties");
        Files.writeString(file, "tributary.cdc.password=x\ntributary.cdc.heartbeat.interval=often\n");
        assertThat(CdcEngineMain.commandLine().execute("--config", file.toString())).isEqualTo(2);
        assertThat(CdcEngineMain.commandLine().execute("--config", file.toString(),
                "-Dtributary.cdc.heartbeat.interval=5s", "-Dtributary.unknown=1")).isEqualTo(2);
    }
}
