package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoreTest {
    @TempDir
    Path dir;

    @Test
    void generatesOnceWithOwnerOnlyPermissionsAndReusesIt() throws Exception {
        SecretStore store = new SecretStore(dir.resolve("secrets"), Map.of());
        String first = store.resolve("app_password", "TRIBUTARY_APP_PASSWORD");
        assertThat(first).hasSize(32).matches("[A-Za-z0-9_-]+");
        assertThat(new SecretStore(dir.resolve("secrets"), Map.of()).resolve("app_password", "TRIBUTARY_APP_PASSWORD"))
                .isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(dir.resolve("secrets/app_password")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(dir.resolve("secrets")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void differentNamesGetDifferentSecrets() {
        SecretStore store = new SecretStore(dir, Map.of());
        assertThat(store.resolve("a", "A")).isNotEqualTo(store.resolve("b", "B"));
    }

    @Test
    void environmentVariableWinsAndNothingIsWritten() {
        SecretStore store = new SecretStore(dir.resolve("secrets"), Map.of("TRIBUTARY_APP_PASSWORD", "from-env"));
        assertThat(store.resolve("app_password", "TRIBUTARY_APP_PASSWORD")).isEqualTo("from-env");
        assertThat(dir.resolve("secrets/app_password")).doesNotExist();
    }

    @Test
    void fileVariantIsReadAndTrimmed() throws Exception {
        Path file = Files.writeString(dir.resolve("docker-secret"), "from-file\n");
        SecretStore store = new SecretStore(dir.resolve("secrets"), Map.of("TRIBUTARY_CDC_PASSWORD_FILE", file.toString()));
        assertThat(store.resolve("cdc_password", "TRIBUTARY_CDC_PASSWORD")).isEqualTo("from-file");
    }

    @Test
    void emptySecretFileIsAnErrorNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("empty"), "\n");
        SecretStore store = new SecretStore(dir, Map.of("X_FILE", file.toString()));
        assertThatThrownBy(() -> store.resolve("x", "X")).isInstanceOf(StackException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("X_FILE");
    }

    @Test
    void secretsRecordNeverPrintsValues() {
        StackSecrets s = new StackSecrets("p1", "p2", "p3", "k4", "k5", "p6");
        assertThat(s.toString()).doesNotContain("p1", "p2", "p3", "k4", "k5", "p6");
        PostgresEndpoint pg = new PostgresEndpoint("127.0.0.1", 1, "db", "app", "apppw", "cdc", "cdcpw", "su", "supw");
        assertThat(pg.toString()).doesNotContain("apppw", "cdcpw", "supw");
        assertThat(new S3Endpoint("http://x", "r", "b", "AK", "SK").toString()).doesNotContain("AK", "SK");
    }
}
