package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PsqlVariableSubstitutionTest {
    private final PsqlVariableSubstitution subst = new PsqlVariableSubstitution(Map.of(
            "app_password", "s3cr'et", "cdc_password", "plain", "schema", "My\"Schema", "n", "5"));

    @Test
    void quotedLiteralDoublesSingleQuotes() {
        assertThat(subst.apply("CREATE ROLE a LOGIN PASSWORD :'app_password';", "f.sql"))
                .isEqualTo("CREATE ROLE a LOGIN PASSWORD 's3cr''et';");
    }

    @Test
    void literalWithBackslashUsesEscapeStringSyntax() {
        var s = new PsqlVariableSubstitution(Map.of("p", "a\\b'c"));
        assertThat(s.apply("SELECT :'p'", "f.sql")).isEqualTo("SELECT E'a\\\\b''c'");
    }

    @Test
    void quotedIdentifierDoublesDoubleQuotes() {
        assertThat(subst.apply("CREATE SCHEMA :\"schema\";", "f.sql")).isEqualTo("CREATE SCHEMA \"My\"\"Schema\";");
    }

    @Test
    void bareVariableIsInterpolatedRaw() {
        assertThat(subst.apply("SELECT :n + 1", "f.sql")).isEqualTo("SELECT 5 + 1");
    }

    @Test
    void castsStringsCommentsAndDollarQuotesAreLeftAlone() {
        String sql = """
                SELECT '1'::int, ':app_password', ":app_password" FROM t; -- :'app_password' in a comment
                /* block :'app_password' /* nested */ still comment :n */
                DO $body$ BEGIN PERFORM ':n'; RAISE NOTICE '%', :n; END $body$;
                SELECT $1, a$b FROM x WHERE y = :'cdc_password';
                """;
        String out = subst.apply(sql, "f.sql");
        assertThat(out).isEqualTo(sql.replace("y = :'cdc_password'", "y = 'plain'"));
    }

    @Test
    void escapeStringLiteralWithBackslashQuoteIsSkippedWhole() {
        assertThat(subst.apply("SELECT E'it\\'s :n', :n", "f.sql")).isEqualTo("SELECT E'it\\'s :n', 5");
    }

    @Test
    void unknownQuotedVariableNamesFileAndLine() {
        assertThatThrownBy(() -> subst.apply("SELECT 1;\n\nCREATE ROLE x PASSWORD :'missing';", "init-db/01-roles.sql"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("init-db/01-roles.sql:3")
                .hasMessageContaining("'missing'")
                .hasMessageContaining("app_password");
    }

    @Test
    void lineCountIncludesNewlinesInsideStringsAndComments() {
        assertThatThrownBy(() -> subst.apply("SELECT 'a\nb';\n/* c\nd */\n:'nope'", "f.sql"))
                .hasMessageStartingWith("f.sql:5:");
    }

    @Test
    void unknownBareVariableIsLeftAsPsqlDoes() {
        assertThat(subst.apply("SELECT arr[lo:hi] FROM t", "f.sql")).isEqualTo("SELECT arr[lo:hi] FROM t");
    }

    @Test
    void nulInValueIsRejected() {
        var s = new PsqlVariableSubstitution(Map.of("p", "a\0b"));
        assertThatThrownBy(() -> s.apply("SELECT :'p'", "f.sql")).hasMessageContaining("NUL");
    }

    @Test
    void theProjectInitDbFilesSubstituteCleanly() throws Exception {
        var files = PostgresBootstrap.sqlFiles(ProjectRoot.require().resolve("init-db"));
        assertThat(files).extracting(p -> p.getFileName().toString()).isSorted().allMatch(n -> n.matches("\\d\\d-.*\\.sql"));
        var s = new PsqlVariableSubstitution(Map.of("app_password", "A'1", "cdc_password", "C2"));
        String roles = s.apply(java.nio.file.Files.readString(files.get(0)), files.get(0).toString());
        assertThat(roles).contains("PASSWORD 'A''1'").contains("PASSWORD 'C2'").doesNotContain(":'");
    }
}
