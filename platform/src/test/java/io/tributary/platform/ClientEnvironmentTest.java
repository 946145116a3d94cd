package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.stack.PostgresEndpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ClientEnvironmentTest {
    private static final PostgresEndpoint PG = new PostgresEndpoint("127.0.0.1", 15432, "tributary", "tributary_app",
            "a:b\\c", "tributary_cdc", "plain", "postgres", "never-exported");

    @Test
    void libpqKcatAndConfluentNamesPointAtTheStackWithoutAPassword() {
        assertThat(ClientEnvironment.variables(PG, "127.0.0.1:19092", "http://127.0.0.1:18081", Path.of("/d/secrets/pgpass"),
                Path.of("/d/kcat.conf"))).containsExactly(
                        java.util.Map.entry("PGHOST", "127.0.0.1"), java.util.Map.entry("PGPORT", "15432"),
                        java.util.Map.entry("PGDATABASE", "tributary"), java.util.Map.entry("PGUSER", "tributary_app"),
                        java.util.Map.entry("PGPASSFILE", "/d/secrets/pgpass"), java.util.Map.entry("KCAT_CONFIG", "/d/kcat.conf"),
                        java.util.Map.entry("BOOTSTRAP_SERVERS", "127.0.0.1:19092"),
                        java.util.Map.entry("SCHEMA_REGISTRY_URL", "http://127.0.0.1:18081"));
    }

    @Test
    void thePasswordFileHasALinePerRoleWithColonsAndBackslashesEscaped() {
        assertThat(ClientEnvironment.pgpass(PG)).isEqualTo(
                "127.0.0.1:15432:tributary:tributary_app:a\\:b\\\\c\n127.0.0.1:15432:tributary:tributary_cdc:plain\n");
    }

    @Test
    void kcatReadsTheBootstrapFromItsConfigurationFile() {
        assertThat(ClientEnvironment.kcatConfig("127.0.0.1:19092")).isEqualTo("bootstrap.servers=127.0.0.1:19092\n");
    }
}
