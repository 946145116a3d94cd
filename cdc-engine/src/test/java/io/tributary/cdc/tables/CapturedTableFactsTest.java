package io.tributary.cdc.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.contracts.tables.TableProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapturedTableFactsTest {
    @Test
    void aReadableTableWithAPrimaryKeyAndAnyIdentityButNothingHasNoProblem() {
        for (char identity : new char[] {'d', 'f', 'i'}) {
            assertThat(new CapturedTableFacts("shop.orders", identity, true, true).problems()).as("identity %s", identity)
                    .isEmpty();
        }
    }

    @Test
    void eachFactThatKeepsATableFromTheLakeIsAProblem() {
        assertThat(new CapturedTableFacts("shop.audit", 'd', true, false).problems()).containsExactly(TableProblem.NOT_READABLE);
        assertThat(new CapturedTableFacts("shop.t", 'n', true, true).problems())
                .containsExactly(TableProblem.REPLICA_IDENTITY_NOTHING);
        assertThat(new CapturedTableFacts("shop.log", 'd', false, true).problems()).containsExactly(TableProblem.NO_PRIMARY_KEY);
        assertThat(new CapturedTableFacts("shop.log", 'f', false, true).problems())
                .as("FULL streams updates, but without a key the lake cannot merge").containsExactly(TableProblem.NO_PRIMARY_KEY);
        assertThat(new CapturedTableFacts("shop.x", 'n', false, false).problems()).containsExactly(TableProblem.NOT_READABLE,
                TableProblem.REPLICA_IDENTITY_NOTHING, TableProblem.NO_PRIMARY_KEY);
    }

    @Test
    void onlyProblemsThatAppearedAreReportedAgainstThePreviousCheck() {
        Map<String, List<TableProblem>> before = Map.of("shop.a", List.of(TableProblem.NO_PRIMARY_KEY),
                "shop.b", List.of(TableProblem.NOT_READABLE));
        Map<String, List<TableProblem>> now = Map.of("shop.a", List.of(TableProblem.NO_PRIMARY_KEY,
                TableProblem.REPLICA_IDENTITY_NOTHING), "shop.c", List.of(TableProblem.NOT_READABLE));
        assertThat(CapturedTablesWatch.added(before, now)).isEqualTo(Map.of("shop.a",
                List.of(TableProblem.REPLICA_IDENTITY_NOTHING), "shop.c", List.of(TableProblem.NOT_READABLE)));
        assertThat(CapturedTablesWatch.added(now, before)).as("resolved").isEqualTo(Map.of("shop.b",
                List.of(TableProblem.NOT_READABLE)));
    }
}
