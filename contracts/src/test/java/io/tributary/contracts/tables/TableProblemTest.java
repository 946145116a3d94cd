package io.tributary.contracts.tables;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableProblemTest {
    @Test
    void eachProblemNamesTheTableAndTheStatementThatFixesIt() {
        assertThat(TableProblem.NOT_READABLE.message("shop.audit", "tributary_cdc"))
                .startsWith("Table shop.audit: the CDC role tributary_cdc cannot read shop.audit")
                .endsWith("Run as its owner or a superuser: GRANT SELECT ON shop.audit TO tributary_cdc;");
        assertThat(TableProblem.REPLICA_IDENTITY_NOTHING.fix("shop.t", "r")).startsWith("ALTER TABLE shop.t REPLICA IDENTITY DEFAULT;");
        assertThat(TableProblem.REPLICA_IDENTITY_NOTHING.describe("shop.t", "r")).contains("refuses its UPDATEs and DELETEs");
        assertThat(TableProblem.NO_PRIMARY_KEY.message("shop.log", "r")).contains("shop.log has no primary key")
                .contains("ALTER TABLE shop.log ADD PRIMARY KEY (...);");
    }

    @Test
    void labelsRoundTrip() {
        for (TableProblem p : TableProblem.values()) {
            assertThat(TableProblem.fromLabel(p.label())).contains(p);
        }
        assertThat(TableProblem.fromLabel("parked")).isEmpty();
    }
}
