package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The logs under spark-errors/ are what `lakehouse-job sql` (Spark 4.0.4) wrote to stderr in real runs. */
class ToolLogErrorTest {

    private static String log(String name) throws IOException {
        try (InputStream in = ToolLogErrorTest.class.getResourceAsStream("/spark-errors/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aWrongTableIsNamedWithItsClassThePositionInTheQueryAndWhereTheTablesAreListed() throws IOException {
        String query = "SELECT count(*) FROM silver.order";
        ToolLogError error = ToolLogError.find(log("table-not-found.log"), query).orElseThrow();
        assertThat(error.headline()).isEqualTo("[TABLE_OR_VIEW_NOT_FOUND] The table or view `silver`.`order` cannot be"
                + " found. Verify the spelling and correctness of the schema and catalog.");
        assertThat(error.lines("tributary sql", Path.of("/d/logs/sql.log"))).containsExactly(
                "tributary sql: " + error.headline(),
                "  If you did not qualify the name with a schema, verify the current_schema() output, or qualify the"
                        + " name with the correct schema and catalog.",
                "  To tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.",
                "  at line 1, position 22:",
                "    SELECT count(*) FROM silver.order",
                "                         ^",
                "  The lake's tables: tributary sql \"SHOW TABLES IN silver\" (also bronze, silver_all and lake;"
                        + " lake.quarantine holds the poison records).",
                "  (the whole log: /d/logs/sql.log)");
    }

    @Test
    void aSyntaxErrorKeepsSparksOwnPictureOfTheQuery() throws IOException {
        ToolLogError error = ToolLogError.find(log("syntax-error.log"), "SELEC count(*) FROM silver.orders").orElseThrow();
        assertThat(error.headline()).isEqualTo("[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'.");
        assertThat(error.details()).containsExactly("at line 1, position 1:", "  SELEC count(*) FROM silver.orders", "  ^^^");
    }

    @Test
    void anUnknownColumnKeepsSparksSuggestionAndDropsThePlan() throws IOException {
        ToolLogError error = ToolLogError.find(log("unresolved-column.log"), "SELECT nosuch FROM range(3)").orElseThrow();
        assertThat(error.headline()).isEqualTo("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function"
                + " parameter with name `nosuch` cannot be resolved. Did you mean one of the following? [`id`].");
        assertThat(error.details()).containsExactly("at line 1, position 8:", "  SELECT nosuch FROM range(3)", "         ^");
    }

    @Test
    void anErrorWithoutASparkClassIsTheExceptionAndItsFirstLine() {
        String log = """
                2026-12-07T03:01:34,640 INFO  [main] LakeCatalog - catalog: 0 silver tables registered
                2026-12-07T03:01:35,145 ERROR [main] LakehouseJobMain - reconcile failed
                org.postgresql.util.PSQLException: Connection to 127.0.0.1:15432 refused. Check that the hostname and port are correct.
                \tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:352)
                """;
        ToolLogError error = ToolLogError.find(log, null).orElseThrow();
        assertThat(error.headline()).isEqualTo("PSQLException: Connection to 127.0.0.1:15432 refused. Check that the"
                + " hostname and port are correct.");
        assertThat(error.details()).isEmpty();
    }

    @Test
    void anErrorLoggedWithoutAnExceptionIsTheLoggedMessage() {
        String log = "2026-12-07T03:01:35,145 ERROR [main] LakehouseJobMain - S3 at http://127.0.0.1:19000 (bucket"
                + " lakehouse) does not answer\n";
        assertThat(ToolLogError.find(log, null).orElseThrow().headline())
                .isEqualTo("S3 at http://127.0.0.1:19000 (bucket lakehouse) does not answer");
    }

    @Test
    void aLogWithoutAnErrorHasNone() {
        assertThat(ToolLogError.find("2026-12-07T03:01:34,640 INFO  [main] LakeCatalog - catalog: 3 silver tables\n", null))
                .isEmpty();
    }
}
