package io.tributary.simulator.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgSettingsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheContractVariablesWithOptionsWinning() {
        Map<String, String> env = Map.of("TRIBUTARY_PG_HOST", "db", "TRIBUTARY_PG_PORT", "5433",
                "TRIBUTARY_PG_DATABASE", "shopdb", "TRIBUTARY_APP_USER", "app", "TRIBUTARY_APP_PASSWORD", "s3cret");
        PgSettings fromEnv = PgSettings.resolve(env, null, null, null, null, null);
        assertThat(fromEnv.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/shopdb");
        assertThat(fromEnv.user()).isEqualTo("app");
        PgSettings overridden = PgSettings.resolve(env, "127.0.0.1", 6000, null, null, null);
        assertThat(overridden.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:6000/shopdb");
        assertThat(overridden.toString()).doesNotContain("s3cret");
    }

    @Test
    void defaultsAreTheLocalStackOnes() {
        PgSettings s = PgSettings.resolve(Map.of("TRIBUTARY_APP_PASSWORD", "x"), null, null, null, null, null);
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/tributary");
        assertThat(s.user()).isEqualTo("tributary_app");
    }

    @Test
    void passwordFromAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("pw"), "from-file\n");
        PgSettings s = PgSettings.resolve(Map.of("TRIBUTARY_APP_PASSWORD_FILE", file.toString()), null, null, null,
                null, null);
        assertThat(s.password()).isEqualTo("from-file");
        assertThatThrownBy(() -> PgSettings.resolve(Map.of("TRIBUTARY_APP_PASSWORD_FILE", dir.resolve("none").toString()),
                null, null, null, null, null)).hasMessageContaining("TRIBUTARY_APP_PASSWORD_FILE: cannot read the password file");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> PgSettings.resolve(Map.of("TRIBUTARY_PG_PORT", "x", "TRIBUTARY_APP_PASSWORD", "p"),
                null, null, null, null, null)).hasMessageContaining("TRIBUTARY_PG_PORT must be a number");
        assertThatThrownBy(() -> PgSettings.resolve(Map.of(), null, null, null, null, null))
                .hasMessageContaining("set TRIBUTARY_APP_PASSWORD or TRIBUTARY_APP_PASSWORD_FILE");
    }

    @Test
    void everyBadConnectionValueIsReportedInOneError() {
        assertThatThrownBy(() -> PgSettings.resolve(Map.of("TRIBUTARY_PG_PORT", "x",
                "TRIBUTARY_APP_PASSWORD_FILE", dir.resolve("none").toString()), null, null, null, null, null))
                .isInstanceOfSatisfying(io.tributary.configuration.ConfigException.class,
                        e -> assertThat(e.problems()).hasSize(2)
                                .anySatisfy(p -> assertThat(p).startsWith("TRIBUTARY_PG_PORT must be a number, got 'x'"))
                                .anySatisfy(p -> assertThat(p).startsWith("TRIBUTARY_APP_PASSWORD_FILE: cannot read the password file")));
    }

    @Test
    void emptyVariablesCountAsUnset() {
        PgSettings s = PgSettings.resolve(Map.of("TRIBUTARY_PG_HOST", "", "TRIBUTARY_APP_PASSWORD", "x"), null, null, null,
                null, null);
        assertThat(s.host()).isEqualTo("127.0.0.1");
    }
}
