package io.tributary.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleTokenTest {

    @Test
    void theTokenIsRandomOwnerOnlyAndKeptAcrossStarts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secrets").resolve(ConsoleToken.FILE_NAME);
        ConsoleToken first = ConsoleToken.loadOrCreate(file);
        assertThat(first.value()).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(ConsoleToken.loadOrCreate(file).value()).isEqualTo(first.value());
        assertThat(ConsoleToken.loadOrCreate(dir.resolve("other")).value()).isNotEqualTo(first.value());
        assertThat(first.toString()).doesNotContain(first.value());
    }

    @Test
    void onlyTheBearerTokenAuthorizes(@TempDir Path dir) throws Exception {
        ConsoleToken token = ConsoleToken.loadOrCreate(dir.resolve("t"));
        assertThat(token.authorizes("Bearer " + token.value())).isTrue();
        assertThat(token.authorizes(null)).isFalse();
        assertThat(token.authorizes(token.value())).isFalse();
        assertThat(token.authorizes("Bearer " + token.value().substring(1))).isFalse();
        assertThat(token.authorizes("Bearer ")).isFalse();
    }
}
