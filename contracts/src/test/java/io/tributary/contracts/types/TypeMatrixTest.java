package io.tributary.contracts.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeMatrixTest {

    @Test
    void everyColumnHasALiteralAndAnExpectedValuePerRow() {
        assertThat(TypeMatrix.columns()).hasSize(30).allSatisfy(c -> {
            assertThat(c.literals()).as(c.name()).hasSize(TypeMatrix.ids().size());
            assertThat(c.expected()).as(c.name()).hasSize(TypeMatrix.ids().size());
            for (int row = 0; row < TypeMatrix.ids().size(); row++) {
                // NULL in, NULL expected; a value in, a value expected
                assertThat(c.expected().get(row) == null).as("%s row %d", c.name(), row + 1)
                        .isEqualTo(c.literals().get(row) == null);
            }
        });
        assertThat(TypeMatrix.columns()).extracting(TypeMatrix.Column::sqlType).contains("smallint", "integer", "bigint",
                "numeric(12,4)", "numeric(50,20)", "numeric", "real", "double precision", "boolean", "char(5)",
                "varchar(20)", "text", "bytea", "date", "time", "timetz", "timestamp", "timestamptz", "interval", "uuid",
                "json", "jsonb", "inet", "cidr", "macaddr", "money", "shop.type_matrix_mood", "integer[]", "text[]",
                "shop.type_matrix_positive");
    }

    @Test
    void statementsCreateTheTypesTheTableAndItsRows() {
        List<String> create = TypeMatrix.createStatements();
        assertThat(create.get(0)).isEqualTo("CREATE TYPE shop.type_matrix_mood AS ENUM ('sad', 'ok', 'happy')");
        assertThat(create.get(2)).startsWith("CREATE TABLE shop.type_matrix (\n  id integer PRIMARY KEY,\n  c_smallint smallint,")
                .contains("c_generated bigint GENERATED ALWAYS AS (c_integer::bigint * 2) STORED")
                .endsWith("c_default text NOT NULL DEFAULT 'fallback'\n)");
        List<String> inserts = TypeMatrix.insertStatements(100);
        assertThat(inserts).hasSize(4);
        // a literal is cast to its column's type in parentheses: -32768::smallint would cast 32768 first
        assertThat(inserts.get(0)).startsWith("INSERT INTO shop.type_matrix (id, c_smallint, c_integer,")
                .contains("VALUES (101, (-32768)::smallint, (-2147483648)::integer,");
        assertThat(inserts.get(3)).contains("VALUES (104, NULL, NULL, NULL,");
    }

    @Test
    void expectedRowsDeriveTheGeneratedAndTheDefaultColumn() {
        Map<Integer, Map<String, String>> rows = TypeMatrix.expectedRows(0);
        assertThat(rows).containsOnlyKeys(1, 2, 3, 4);
        assertThat(rows.get(1)).containsEntry("c_generated", "-4294967296").containsEntry("c_default", "fallback")
                .containsEntry("c_timetz", "08:15:30Z").containsEntry("c_text", "");
        assertThat(rows.get(3)).containsEntry("c_generated", "14").containsEntry("c_text", null);
        assertThat(rows.get(4)).containsEntry("c_generated", null).containsEntry("c_text", "null");
    }
}
