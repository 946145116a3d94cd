package io.tributary.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresConnectionSettingsTest {
    private final PostgresConnectionSettings settings =
            new PostgresConnectionSettings("127.0.0.1", 15432, "tributary", "tributary_app", "s3cret-Pw");

    @Test
    void theUrlNamesHostPortAndDatabase() {
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/tributary");
    }

    @Test
    void aConnectionCarriesTheRoleItsNameATimeoutAndKeepAlive() {
        assertThat(settings.properties("tributary-scheduler")).isEqualTo(Map.of("user", "tributary_app",
                "password", "s3cret-Pw", "ApplicationName", "tributary-scheduler", "connectTimeout", "10",
                "tcpKeepAlive", "true"));
    }

    @Test
    void theTextNeverShowsThePassword() {
        assertThat(settings.toString()).isEqualTo("tributary_app@127.0.0.1:15432/tributary").doesNotContain("s3cret");
    }
}
