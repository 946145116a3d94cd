package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresBootstrapTest {
    private static final List<Path> FILES = List.of(Path.of("init-db/01-roles.sql"), Path.of("init-db/02-schemas.sql"),
            Path.of("init-db/05-scheduler-role.sql"), Path.of("init-db/06-scheduler-tables.sql"));

    @Test
    void aNewClusterGetsEveryFile() {
        assertThat(PostgresBootstrap.pending(FILES, List.of())).isEqualTo(FILES);
    }

    @Test
    void anInitialisedClusterGetsOnlyTheFilesAddedSince() {
        List<String> marker = List.of("# init-db applied 2026-12-01T10:00:00Z", "01-roles.sql", "02-schemas.sql");
        assertThat(PostgresBootstrap.pending(FILES, marker)).extracting(p -> p.getFileName().toString())
                .containsExactly("05-scheduler-role.sql", "06-scheduler-tables.sql");
        List<String> later = List.of("# init-db applied 2026-12-01T10:00:00Z", "01-roles.sql", "02-schemas.sql",
                "# added to init-db later, applied 2026-12-07T06:00:00Z", "05-scheduler-role.sql", " 06-scheduler-tables.sql ");
        assertThat(PostgresBootstrap.pending(FILES, later)).isEmpty();
    }
}
