package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.stack.ServiceStatus;
import io.tributary.stack.ServiceStatus.State;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusRenderingTest {
    private final List<ServiceStatus> statuses = List.of(
            new ServiceStatus("postgres", State.HEALTHY, "postgresql://127.0.0.1:15432/tributary", 101L, 45_000_000, "PostgreSQL 17.7"),
            new ServiceStatus("kafka", State.DEAD, "127.0.0.1:19092", null, 2048, "gone"),
            new ServiceStatus("schema-registry", State.STOPPED, "http://127.0.0.1:18081", null, -1, "not running"));

    @Test
    void tableIsAlignedWithOneRowPerService() {
        String table = StatusRendering.table(statuses);
        assertThat(table).isEqualTo("""
                SERVICE          STATE    PID  ENDPOINT                                DATA
                postgres         healthy  101  postgresql://127.0.0.1:15432/tributary  42.9 MiB
                kafka            dead     -    127.0.0.1:19092                         2.0 KiB
                schema-registry  stopped  -    http://127.0.0.1:18081                  -
                """);
    }

    @Test
    void jsonCarriesStatePidEndpointAndSize() throws Exception {
        JsonNode root = new ObjectMapper().readTree(StatusRendering.json(Path.of("/data"), statuses));
        assertThat(root.get("dataDir").asText()).isEqualTo("/data");
        assertThat(root.get("healthy").asBoolean()).isFalse();
        JsonNode pg = root.get("services").get(0);
        assertThat(pg.get("name").asText()).isEqualTo("postgres");
        assertThat(pg.get("state").asText()).isEqualTo("healthy");
        assertThat(pg.get("pid").asLong()).isEqualTo(101);
        assertThat(pg.get("endpoint").asText()).isEqualTo("postgresql://127.0.0.1:15432/tributary");
        assertThat(pg.get("dataBytes").asLong()).isEqualTo(45_000_000);
        assertThat(root.get("services").get(1).get("pid").isNull()).isTrue();
        assertThat(root.get("services")).hasSize(3);
    }

    @Test
    void healthyServersAndRunningPipelineProcessesAreAllHealthy() throws Exception {
        List<ServiceStatus> fine = List.of(statuses.get(0),
                new ServiceStatus("cdc-engine", State.RUNNING, "", 202L, -1, "process alive"));
        JsonNode root = new ObjectMapper().readTree(StatusRendering.json(Path.of("/d"), fine));
        assertThat(root.get("healthy").asBoolean()).isTrue();
        assertThat(root.get("services").get(1).get("state").asText()).isEqualTo("running");
        assertThat(StatusRendering.table(fine)).contains("cdc-engine  running  202  -");
    }

    @Test
    void byteSizesAreHumanReadable() {
        assertThat(ByteSize.human(-1)).isEqualTo("-");
        assertThat(ByteSize.human(0)).isEqualTo("0 B");
        assertThat(ByteSize.human(1023)).isEqualTo("1023 B");
        assertThat(ByteSize.human(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSize.human(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
    }
}
