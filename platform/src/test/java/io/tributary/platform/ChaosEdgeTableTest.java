package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChaosEdgeTableTest {
    private static final List<List<String>> TX = ChaosEdgeTable.transactions("shop", "chaos_edge_1");

    @Test
    void everyOccurrenceCreatesANewTableOfTheCapturedSchema() {
        assertThat(ChaosEdgeTable.name(1)).isEqualTo("chaos_edge_1");
        assertThat(ChaosEdgeTable.name(2)).isEqualTo("chaos_edge_2");
        assertThat(TX.get(0)).singleElement().asString().startsWith("CREATE TABLE shop.chaos_edge_1 (id bigint PRIMARY KEY,")
                .doesNotContain("IF NOT EXISTS");
        assertThat(TX).flatExtracting(t -> t).allSatisfy(sql -> assertThat(sql).contains("shop.chaos_edge_1"));
    }

    @Test
    void theColumnsAndValuesAreAtTheEdgesOfWhatThePipelineCarries() {
        assertThat(TX.get(0).get(0)).as("numeric without precision").contains(" amount numeric,")
                .contains("at_local timestamp,").contains("at_zone timestamptz,").contains("due date,");
        String insert = TX.get(1).get(0);
        assertThat(insert).contains("(1, NULL, '0001-01-01 00:00:00',").contains("'9999-12-31 23:59:59.999999'")
                .contains("'9999-12-31'").contains("'0001-01-01 00:00:00+00'").contains("12345678901234567890.123456789012345678")
                .contains("-0.000001").contains("1.50").contains("'1582-10-10 00:00:00'").contains("'1969-12-31 23:59:59.5'")
                .contains("(7, NULL, NULL, NULL, NULL, NULL, NULL, 'all null', NULL)");
    }

    @Test
    void rowsAreInsertedUpdatedDeletedAndInsertedAgainEachStepItsOwnTransaction() {
        assertThat(TX).hasSize(5);
        assertThat(TX.get(1)).allSatisfy(sql -> assertThat(sql).startsWith("INSERT"));
        assertThat(TX.get(2)).hasSize(4).allSatisfy(sql -> assertThat(sql).startsWith("UPDATE"));
        assertThat(String.join(" ", TX.get(2))).contains("SET amount = NULL").contains("SET amount = 0.000000000000000001");
        assertThat(TX.get(3)).singleElement().asString().startsWith("DELETE");
        assertThat(TX.get(4)).singleElement().asString().startsWith("INSERT").contains("(4, ");

        Set<Long> ids = new TreeSet<>(ids(TX.get(1).get(0), "\\((\\d+), "));
        ids.removeAll(ids(TX.get(3).get(0), "(\\d+)"));
        ids.addAll(ids(TX.get(4).get(0), "\\((\\d+), "));
        assertThat(ids).hasSize(ChaosEdgeTable.FINAL_ROWS).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 8L);
    }

    private static Set<Long> ids(String sql, String pattern) {
        Set<Long> ids = new TreeSet<>();
        String part = sql.contains("VALUES") ? sql.substring(sql.indexOf("VALUES")) : sql.substring(sql.indexOf("IN ("));
        Matcher m = Pattern.compile(pattern).matcher(part);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }
}
