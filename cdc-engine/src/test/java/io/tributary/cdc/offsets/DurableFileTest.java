package io.tributary.cdc.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFileTest {

    @Test
    void createsTheDirectoryThenReplacesTheFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("state/parked-tables.json");
        DurableFile.replace(file, "first".getBytes(StandardCharsets.UTF_8));
        assertThat(file).hasContent("first");

        DurableFile.replace(file, "second, longer".getBytes(StandardCharsets.UTF_8));
        assertThat(file).hasContent("second, longer");
        DurableFile.replace(file, "3".getBytes(StandardCharsets.UTF_8));
        assertThat(file).hasContent("3");
        assertThat(DurableFile.temporaryOf(file)).isEqualTo(dir.resolve("state/parked-tables.json.tmp"))
                .doesNotExist();
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("parked-tables.json");
        }
    }

    @Test
    void aFailedRenameRemovesTheTemporaryFileAndKeepsWhatWasThere(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("offsets.dat");
        Files.createDirectories(file);
        Files.writeString(file.resolve("kept"), "old");

        assertThatThrownBy(() -> DurableFile.replace(file, new byte[] {1, 2, 3})).isInstanceOf(IOException.class);
        assertThat(DurableFile.temporaryOf(file)).doesNotExist();
        assertThat(file.resolve("kept")).hasContent("old");
    }
}
